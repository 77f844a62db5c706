#pragma once
// A passive observer on the path: a TCP relay on 127.0.0.1 in front of a server that forwards every byte
// unchanged, both ways, and keeps a copy of all of them, as someone on the same LAN segment would see them.
// One connection at a time (a reconnect is relayed too). Its thread stops with the object.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "net/raw_listener.hpp"

namespace security {

class ObserverProxy {
public:
    /// Relays connections made to port() to 127.0.0.1:serverPort.
    explicit ObserverProxy(std::uint16_t serverPort);
    ~ObserverProxy();
    ObserverProxy(const ObserverProxy&) = delete;
    ObserverProxy& operator=(const ObserverProxy&) = delete;

    std::uint16_t port() const { return m_listener.port(); }
    /// Every byte seen so far, both directions, in the order they passed.
    std::string seen() const;
    /// Whether needle passed by (in either direction).
    bool saw(const std::string& needle) const { return seen().find(needle) != std::string::npos; }

private:
    void run();
    void relay(int client, int server);

    std::uint16_t m_serverPort;
    testnet::RawListener m_listener;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::string m_seen;
    std::thread m_thread;
};

} // namespace security

#pragma once
// The room announces itself on the local network over mDNS/DNS-SD, as a `_imchat._tcp` service, through the
// system's Avahi daemon (its native client API, not the Bonjour compatibility layer). The room's name is the
// service's name; its TXT record says what a window shows before connecting: the room's name in full, the
// protocol version, that TLS is on (and whether plaintext is served too), the key's fingerprint (shown to
// people, never trusted by itself: pinning stays the window's) and how many are online. With no daemon
// running the server says so once and works as before; it announces the room once a daemon starts.
//
// Avahi runs a thread of its own (its threaded poll); what it reports is posted into the io thread.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

namespace server {

class Status;

class RoomAnnouncer {
public:
    struct Config {
        std::string roomName;    // the service's name: at most 63 bytes (mdnsServiceName shortens one)
        std::string bindAddress; // --bind: a specific address is announced on its interface only
        std::uint16_t port = 0;  // the port the server listens on
        bool plaintextToo = false;
        std::string fingerprint; // 64 hex digits
    };
    /// headCount: the room's head-count now (read every few seconds; a change updates the TXT record).
    RoomAnnouncer(asio::io_context& io, Status& status, Config config,
                  std::function<std::size_t()> headCount);
    /// Withdraws the announcement (Avahi sends its goodbye: browsers forget the room at once).
    ~RoomAnnouncer();
    RoomAnnouncer(const RoomAnnouncer&) = delete;
    RoomAnnouncer& operator=(const RoomAnnouncer&) = delete;

    /// Starts announcing (or says why it does not: a loopback address, no Avahi).
    void start();

    /// The service type every room announces.
    static constexpr const char* kServiceType = "_imchat._tcp";

private:
    struct Avahi; // the daemon's client, its thread and the service's entry (room_announcer.cpp)
    void checkHeadCount();

    asio::io_context& m_io;
    Status& m_status;
    Config m_config;
    std::function<std::size_t()> m_headCount;
    asio::steady_timer m_headCountTimer;
    std::unique_ptr<Avahi> m_avahi;
};

/// A room name as an mDNS service name: at most 63 bytes of UTF-8, cut at a character boundary.
std::string mdnsServiceName(const std::string& roomName);

} // namespace server

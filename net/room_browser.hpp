#pragma once
// The rooms announced on the local network (`_imchat._tcp` over mDNS/DNS-SD, PROTOCOL.md §16), as the
// system's Avahi daemon finds them: each with its name, address, port, TLS, key fingerprint and head-count,
// kept up to date as rooms appear, change and vanish. Avahi runs a thread of its own; the list is read under
// a lock by whoever shows it, and onChange tells it to look again (the window wakes its event loop).
// With no daemon the list stays empty and fills once one runs.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace net {

class RoomBrowser {
public:
    struct Room {
        std::string name;    // the room's name: the TXT record's in full, else the service's
        std::string host;    // as announced (e.g. "lab-pc.local")
        std::string address; // resolved, as text ("10.0.0.2", "fe80::1%eth0")
        std::uint16_t port = 0;
        std::uint16_t version = 0; // the protocol version it speaks (0: not said)
        bool tls = false;          // speaks TLS
        bool plaintextToo = false; // also serves plaintext
        std::string fingerprint;   // 64 hex digits, or empty: shown to people, never trusted by itself
        std::optional<std::uint32_t> online;
        bool operator==(const Room&) const = default;
    };

    RoomBrowser();
    /// Stops browsing (joins Avahi's thread).
    ~RoomBrowser();
    RoomBrowser(const RoomBrowser&) = delete;
    RoomBrowser& operator=(const RoomBrowser&) = delete;

    /// Starts browsing. An empty string, or why it cannot (no system bus, say); a daemon that is not
    /// running yet is waited for.
    std::string start(std::function<void()> onChange = {});
    /// The rooms found now, by name.
    std::vector<Room> rooms() const;
    /// Whether Avahi's daemon answers (false: the list cannot fill yet).
    bool daemonRunning() const;

private:
    struct Avahi; // the daemon's client, its thread, the browser and resolvers (room_browser.cpp)
    std::unique_ptr<Avahi> m_avahi;
};

} // namespace net

#pragma once
// The rooms found on the local network, as the connect bar lists them: the services net::RoomBrowser finds,
// grouped into rooms. The nodes of one cluster announce the same room name under the same key (mDNS renames
// the second "name #2"): one room served at several addresses, which the window joins as its server list,
// failing over from one to the next as it would for a list typed into the server field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "net/room_browser.hpp"

namespace app {

struct LanRoom {
    std::string name;
    std::vector<std::string> servers;    // "host:port" each, in a stable order
    std::optional<std::uint32_t> online; // the most any of its servers says (each counts the whole room)
    bool tls = false;                    // every server speaks TLS (else one speaks only plaintext)
    bool compatible = true;              // this window speaks its protocol (or it did not say which)
    std::string fingerprint;             // 64 hex digits, or empty

    /// The server field's text for it: "host:port", or its servers separated by commas.
    std::string serverList() const;
    bool operator==(const LanRoom&) const = default;
};

/// Groups found services into rooms: the same name and the same key fingerprint make one room (services
/// without a fingerprint are never grouped: nothing says they are one room). Sorted by name, then servers.
std::vector<LanRoom> groupLanRooms(const std::vector<net::RoomBrowser::Room>& found);

/// One line for the window's output and reports: "name | servers | online N | encrypted | key 1a2b3c4d…".
std::string summary(const LanRoom& room);

} // namespace app

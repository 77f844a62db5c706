#include "app/model/lan_rooms.hpp"

#include <algorithm>

#include "app/text/natural_order.hpp"
#include "net/endpoint.hpp"
#include "net/messages.hpp"

namespace app {

std::string LanRoom::serverList() const {
    std::string list;
    for (const std::string& s : servers) {
        if (!list.empty()) list += ',';
        list += s;
    }
    return list;
}

std::string summary(const LanRoom& room) {
    // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "..." + std::string&&.
    std::string line = room.name;
    line.append(" | ").append(room.serverList());
    if (room.online) line.append(" | online ").append(std::to_string(*room.online));
    line.append(room.tls ? " | encrypted" : " | not encrypted");
    if (!room.compatible) line.append(" | newer protocol");
    if (!room.fingerprint.empty()) line.append(" | key ").append(room.fingerprint, 0, 16);
    return line;
}

std::vector<LanRoom> groupLanRooms(const std::vector<net::RoomBrowser::Room>& found) {
    std::vector<LanRoom> rooms;
    for (const net::RoomBrowser::Room& f : found) {
        const std::string server = net::endpointText({f.address, f.port});
        const bool compatible =
            f.version == 0 || f.version == net::kProtocolVersion || f.version == net::kLegacyProtocolVersion;
        auto same = std::find_if(rooms.begin(), rooms.end(), [&f](const LanRoom& r) {
            return !f.fingerprint.empty() && r.fingerprint == f.fingerprint && r.name == f.name;
        });
        if (same == rooms.end()) {
            rooms.push_back({f.name, {server}, f.online, f.tls, compatible, f.fingerprint});
            continue;
        }
        if (std::find(same->servers.begin(), same->servers.end(), server) == same->servers.end())
            same->servers.push_back(server);
        if (f.online && (!same->online || *f.online > *same->online)) same->online = f.online;
        same->tls = same->tls && f.tls;
        same->compatible = same->compatible && compatible;
    }
    for (LanRoom& r : rooms) std::sort(r.servers.begin(), r.servers.end(), naturalLess);
    std::sort(rooms.begin(), rooms.end(), [](const LanRoom& a, const LanRoom& b) {
        if (a.name != b.name) return naturalLess(a.name, b.name);
        return naturalLess(a.serverList(), b.serverList());
    });
    return rooms;
}

} // namespace app

#include "net/room_browser.hpp"

namespace net {

// Windows has no Avahi: rooms are joined by their address there.
struct RoomBrowser::Avahi {};

RoomBrowser::RoomBrowser() = default;
RoomBrowser::~RoomBrowser() = default;

std::string RoomBrowser::start(std::function<void()>) {
    return "the Windows build does not look for rooms on the network";
}

std::vector<RoomBrowser::Room> RoomBrowser::rooms() const { return {}; }

bool RoomBrowser::daemonRunning() const { return false; }

} // namespace net

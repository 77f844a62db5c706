#include "server/room_announcer.hpp"

#include "server/status.hpp"

namespace server {

// Windows has no Avahi (and the Bonjour service is not part of Windows): the room is not announced there.
struct RoomAnnouncer::Avahi {};

RoomAnnouncer::RoomAnnouncer(asio::io_context& io, Status& status, Config config,
                             std::function<std::size_t()> headCount)
    : m_io(io), m_status(status), m_config(std::move(config)), m_headCount(std::move(headCount)),
      m_headCountTimer(io) {}

RoomAnnouncer::~RoomAnnouncer() = default;

void RoomAnnouncer::start() {
    m_status.log(
        "mdns: the Windows build does not announce the room on the network: give people its address");
}

void RoomAnnouncer::checkHeadCount() {}

} // namespace server

#include "bench/client/room_server.hpp"

#include <filesystem>
#include <stdexcept>

#include "bench/client/message_gen.hpp"
#include "bench/client/peer.hpp"

namespace cbench {

// Flood limits raised: seeding sends history quickly (the windows under test never send).
RoomServer::RoomServer(const std::string& binary)
    : m_server({.extraArgs = {"--rate", "100000", "--burst", "100000"}, .binary = binary}),
      m_dir(std::filesystem::path(m_server.dataPath()).parent_path().string()) {}

void RoomServer::seed(std::size_t count) {
    Peer seeder(port(), fingerprint(), "seeder", 1e6);
    if (!seeder.waitOnline(std::chrono::seconds(5)))
        throw std::runtime_error("the seeding client was not welcomed");
    MessageGen gen(3);
    std::string last;
    for (std::size_t i = 0; i < count; ++i) {
        last = gen.text() + " #" + std::to_string(i); // unique, so the last echo is the last message
        if (!seeder.say(last)) throw std::runtime_error("the seeding client's outbox is full");
    }
    if (!seeder.waitChat(last, std::chrono::seconds(20)))
        throw std::runtime_error("seeded history was not echoed");
}

} // namespace cbench

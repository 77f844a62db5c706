#include "bench/client/room_server.hpp"

#include <filesystem>
#include <stdexcept>

#include "bench/client/message_gen.hpp"
#include "bench/client/peer.hpp"

namespace cbench {

RoomServer::RoomServer(const std::string& binary) {
    char tmpl[] = "/tmp/imchat-cbench-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    m_dir = tmpl;
    // Flood limits raised: seeding sends history quickly (the windows under test never send).
    m_process = std::make_unique<ChildProcess>(
        binary,
        std::vector<std::string>{"--bind", "127.0.0.1", "--port", "0", "--data", m_dir + "/server.db",
                                 "--rate", "100000", "--burst", "100000"},
        std::vector<std::string>{});
    const std::string prefix = "listening on 127.0.0.1:";
    const auto i = m_process->waitLine([&](const std::string& l) { return l.rfind(prefix, 0) == 0; },
                                       std::chrono::seconds(10));
    if (!i) throw std::runtime_error("imchat-server did not start:\n" + m_process->output());
    m_port = static_cast<std::uint16_t>(std::stoi(m_process->line(*i).substr(prefix.size())));
}

RoomServer::~RoomServer() {
    m_process.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
}

void RoomServer::seed(std::size_t count) {
    Peer seeder(m_port, "seeder", 1e6);
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

#include "nats_server.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace clustertest {

NatsServer::NatsServer() : m_dir("nats") {
    // -p -1: a free port of its choosing, which it logs. -a: loopback only. Its log comes on stderr.
    m_process = std::make_unique<support::ChildProcess>(
        support::Command{"nats-server",
                         {"-js", "-a", "127.0.0.1", "-p", "-1", "-sd", (m_dir.path() / "js").string()},
                         {},
                         {},
                         {},
                         true});
    const std::string marker = "Listening for client connections on 127.0.0.1:";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string out = m_process->out();
        if (const auto at = out.find(marker); at != std::string::npos) {
            m_port = static_cast<std::uint16_t>(std::stoul(out.substr(at + marker.size())));
            return;
        }
        if (m_process->waitExit(std::chrono::milliseconds(20))) break;
    }
    throw std::runtime_error("nats-server did not start: " + m_process->out());
}

} // namespace clustertest

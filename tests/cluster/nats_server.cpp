#include "nats_server.hpp"

#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>

#include <asio/ip/tcp.hpp>

namespace clustertest {

namespace {

// A port no one listens on now (the kernel's choice), for a route port that must be known before start.
std::uint16_t freePort() {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

std::string routeUrl(std::uint16_t port) { return "nats://127.0.0.1:" + std::to_string(port); }

} // namespace

NatsServer::NatsServer() : m_dir("nats") { start(); }

NatsServer::NatsServer(Routes routes) : m_dir("nats"), m_routes(std::move(routes)) { start(); }

void NatsServer::kill9() {
    if (!m_process) return;
    m_process->signal(SIGKILL);
    m_process->waitExit(std::chrono::seconds(5));
}

void NatsServer::start() {
    m_process.reset();
    // -p -1: a client port of its choosing, which it logs. -a: loopback only. Its log comes on stderr.
    std::vector<std::string> args{
        "-js", "-a", "127.0.0.1", "-p", "-1", "-sd", (m_dir.path() / "js").string()};
    if (!m_routes.name.empty()) {
        std::string peers;
        for (const std::uint16_t p : m_routes.peers) peers += (peers.empty() ? "" : ",") + routeUrl(p);
        args.insert(args.end(), {"-n", m_routes.name, "--cluster_name", "imchat-test", "--cluster",
                                 routeUrl(m_routes.routePort), "--routes", peers});
    }
    m_process =
        std::make_unique<support::ChildProcess>(support::Command{"nats-server", args, {}, {}, {}, true});
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

NatsCluster::NatsCluster() {
    // The route ports are chosen before the servers bind them, so that each can name the others: a test
    // running beside this one may take one meanwhile (seen under ctest -j 2). Then three new ones.
    for (int attempt = 1;; ++attempt) {
        const std::vector<std::uint16_t> peers{freePort(), freePort(), freePort()};
        try {
            for (std::size_t i = 0; i < m_servers.size(); ++i)
                m_servers[i] = std::make_unique<NatsServer>(
                    NatsServer::Routes{"n" + std::to_string(i + 1), peers[i], peers});
            break;
        } catch (const std::runtime_error& e) {
            for (auto& server : m_servers) server.reset();
            if (attempt == 3 || std::string(e.what()).find("address already in use") == std::string::npos)
                throw;
        }
    }
    for (std::size_t i = 0; i < m_servers.size(); ++i)
        if (!waitForLeader(i, std::chrono::seconds(10)))
            throw std::runtime_error("the NATS cluster found no leader: " + m_servers[i]->log());
}

std::string NatsCluster::urls() const {
    std::string out;
    for (const auto& s : m_servers) out += (out.empty() ? "" : ",") + s->url();
    return out;
}

bool NatsCluster::waitForLeader(std::size_t i, std::chrono::milliseconds timeout) {
    // "Self is new JetStream cluster metadata leader" or "JetStream cluster new metadata leader: n1/…".
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_servers.at(i)->log().find("metadata leader") == std::string::npos) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

} // namespace clustertest

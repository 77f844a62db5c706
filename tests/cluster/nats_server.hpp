#pragma once
// Real nats-server processes with JetStream for a test, on 127.0.0.1, each storing in a scratch folder of
// its own; stopped (and the folders removed) with the objects.
//   clustertest::NatsServer nats;            // one server: one copy of each stream
//   clustertest::NatsCluster three;          // three routed servers: streams of three replicas
//   three.server(1).kill9(); three.server(1).start();   // a crash, and the same server back on its store
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/scratch_dir.hpp"

namespace clustertest {

class NatsServer {
public:
    /// How a server of a cluster finds the others.
    struct Routes {
        std::string name;                 // the server's name: a restarted server is the same member
        std::uint16_t routePort = 0;      // where it listens for the other servers
        std::vector<std::uint16_t> peers; // every member's route port (its own included)
    };

    /// A server on its own. Starts it and waits (up to 10 s) for it to listen; throws std::runtime_error.
    NatsServer();
    /// A member of a cluster; started as above.
    explicit NatsServer(Routes routes);
    /// nats://127.0.0.1:PORT (a new port after each start)
    std::string url() const { return "nats://127.0.0.1:" + std::to_string(m_port); }
    /// Everything the running process logged so far.
    std::string log() const { return m_process ? m_process->out() : std::string(); }

    /// SIGKILL and reap: a crash. Its store stays.
    void kill9();
    /// Starts it (again) on its store, with its name and route port, and waits for it to listen.
    void start();

private:
    support::ScratchDir m_dir;
    Routes m_routes;
    std::unique_ptr<support::ChildProcess> m_process;
    std::uint16_t m_port = 0;
};

/// Three routed servers: JetStream keeps a stream of three replicas while two of them are up.
class NatsCluster {
public:
    /// Starts them and waits (up to 10 s) until each knows the cluster's metadata leader.
    NatsCluster();
    NatsServer& server(std::size_t i) { return *m_servers.at(i); }
    /// "nats://…,nats://…,nats://…" as --cluster takes it.
    std::string urls() const;
    /// Waits (up to timeout) until server i logs that it knows a metadata leader again after a start.
    bool waitForLeader(std::size_t i, std::chrono::milliseconds timeout);

private:
    std::array<std::unique_ptr<NatsServer>, 3> m_servers;
};

} // namespace clustertest

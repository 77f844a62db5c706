#pragma once
// A real nats-server with JetStream for a test: on 127.0.0.1, a port of its own choosing, its store in a
// scratch folder; stopped (and the folder removed) with the object.
#include <cstdint>
#include <memory>
#include <string>

#include "support/child_process.hpp"
#include "support/scratch_dir.hpp"

namespace clustertest {

class NatsServer {
public:
    /// Starts it and waits (up to 10 s) for its "Listening for client connections" line; throws
    /// std::runtime_error.
    NatsServer();
    /// nats://127.0.0.1:PORT
    std::string url() const { return "nats://127.0.0.1:" + std::to_string(m_port); }
    /// Everything it logged so far.
    std::string log() const { return m_process->out(); }

private:
    support::ScratchDir m_dir;
    std::unique_ptr<support::ChildProcess> m_process;
    std::uint16_t m_port = 0;
};

} // namespace clustertest

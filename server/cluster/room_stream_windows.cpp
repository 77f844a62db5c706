#include "server/cluster/room_stream.hpp"

namespace server {

// The Windows build has no NATS client library (nats.c is not among the libraries it builds): a Windows
// node runs on its own. open() says so and the server stops with exit code 6 when --cluster is given.
struct RoomStream::Nats {};

RoomStream::RoomStream(asio::io_context& io, Config config)
    : m_io(io), m_config(std::move(config)), m_nats(std::make_unique<Nats>()) {}

RoomStream::~RoomStream() = default;

void RoomStream::close() {}

void RoomStream::interrupt() {}

void RoomStream::closeLibrary() {}

std::string RoomStream::open() { return "cluster mode is not available in the Windows build"; }

void RoomStream::publish(const std::string&, const std::string&) {}

std::string RoomStream::follow(std::uint64_t, Arrived) { return open(); }

__jsCtx* RoomStream::jetStream() const { return nullptr; }

} // namespace server

#include "server/cluster/name_claims.hpp"

namespace server {

// The Windows build has no NATS client library (room_stream_windows.cpp): --cluster stops the server before
// names are claimed, so none of these is reached.
struct NameClaims::Worker {};

NameClaims::NameClaims(asio::io_context& io, RoomStream& stream, Config config)
    : m_io(io), m_stream(stream), m_config(std::move(config)), m_worker(std::make_unique<Worker>()) {}

NameClaims::~NameClaims() = default;

std::string NameClaims::open() { return "cluster mode is not available in the Windows build"; }

std::string NameClaims::follow(OthersChanged) { return "cluster mode is not available in the Windows build"; }

void NameClaims::engineAvailable(bool) {}

const NameClaims::Holder* NameClaims::heldElsewhere(const std::string&) const { return nullptr; }

void NameClaims::claim(const std::string&, const net::Token&, const Holder&, const net::Token&, Done done) {
    done(Verdict::Unavailable, std::nullopt);
}

void NameClaims::lookup(const std::string&, std::function<void(bool)> done) { done(false); }

void NameClaims::hold(const std::string&, const net::Token&, const Holder&) {}

void NameClaims::release(const std::string&, const std::optional<Departure>&) {}

} // namespace server

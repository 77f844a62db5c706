#include "server/cluster/shared_accounts.hpp"

namespace server {

// The Windows build has no NATS client library (room_stream_windows.cpp): --cluster stops the server before
// the accounts bucket is opened, so none of these is reached.
struct SharedAccounts::Worker {};

SharedAccounts::SharedAccounts(asio::io_context& io, RoomStream& stream, AccountStore& mirror, Config config)
    : m_io(io), m_stream(stream), m_mirror(mirror), m_config(std::move(config)) {}

SharedAccounts::~SharedAccounts() = default;

std::string SharedAccounts::open() { return "cluster mode is not available in the Windows build"; }

void SharedAccounts::create(const std::string&, const std::string&, const std::string&, std::uint64_t,
                            std::uint64_t, Done done) {
    done(Result::Unavailable);
}

void SharedAccounts::setHash(const std::string&, const std::string&, Done done) { done(Result::Unavailable); }

void SharedAccounts::release(const std::string&, std::uint64_t, Done done) { done(Result::Unavailable); }

void SharedAccounts::addToken(const std::string&, const std::string&, std::uint64_t) {}

} // namespace server

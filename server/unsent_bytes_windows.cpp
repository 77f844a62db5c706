#include "server/unsent_bytes.hpp"

namespace server {

// Winsock has no cheap way to read a socket's unacknowledged bytes: the writer does not wait for them.
std::optional<std::size_t> unsentBytes(Socket&) { return std::nullopt; }

} // namespace server

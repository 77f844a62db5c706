#pragma once
// How many bytes a socket has sent that its peer has not acknowledged yet (Linux: ioctl SIOCOUTQ), so that a
// writer can wait for one write to be taken before it starts the next. One file per system: nothing to ask on
// Windows, where the answer is "unknown".
#include <cstddef>
#include <optional>

#include "server/socket.hpp"

namespace server {

/// Bytes still in the socket's send queue (unsent or unacknowledged); nothing when the system cannot tell.
std::optional<std::size_t> unsentBytes(Socket& socket);

} // namespace server

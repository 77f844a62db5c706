#pragma once
// The two ways a listening socket differs between the systems: how a restarted server gets its port back
// at once, and which accept errors mean the process ran out of descriptors or buffers.
#include <system_error>

#include "server/socket.hpp"

namespace server {

/// Sets the listening socket's address options before bind. POSIX: SO_REUSEADDR, so a restart binds over
/// the old connections still in TIME_WAIT. Windows: SO_EXCLUSIVEADDRUSE, since Windows' SO_REUSEADDR would
/// let a second server bind the same port and take some of the connections.
void setRebindOptions(Acceptor& acceptor, std::error_code& ec);

/// Whether an accept failed for lack of descriptors, buffers or memory (worth a retry later, not at once).
bool isResourceExhaustion(const std::error_code& ec);

} // namespace server

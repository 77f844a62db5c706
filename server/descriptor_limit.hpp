#pragma once
// Room for --max-clients connections: a server started from a shell inherits a soft limit of 1024 open
// descriptors under a hard limit hundreds of times higher, and would refuse clients (EMFILE) long before
// its own cap.
#include <cstdint>
#include <string>

namespace server {

/// Raises the soft RLIMIT_NOFILE to at least `wanted`, never above the hard limit. Returns a warning to print
/// when the limit stays below `wanted`, or an empty string.
std::string raiseDescriptorLimit(std::uint64_t wanted);

/// Descriptors needed besides the clients': listener, database files, standard streams, the spare the
/// listener keeps for EMFILE, with a margin.
constexpr std::uint64_t kDescriptorsBesideClients = 64;

} // namespace server

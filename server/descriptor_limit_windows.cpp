#include "server/descriptor_limit.hpp"

namespace server {

// Windows counts sockets as handles, with no per-process limit in the way of --max-clients.
std::string raiseDescriptorLimit(std::uint64_t) { return {}; }

} // namespace server

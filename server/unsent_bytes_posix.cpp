#include "server/unsent_bytes.hpp"

#include <sys/ioctl.h>
#if defined(__linux__)
#include <linux/sockios.h>
#endif

namespace server {

std::optional<std::size_t> unsentBytes(Socket& socket) {
#if defined(SIOCOUTQ)
    int queued = 0;
    if (::ioctl(socket.native_handle(), SIOCOUTQ, &queued) != 0 || queued < 0) return std::nullopt;
    return static_cast<std::size_t>(queued);
#else
    (void)socket;
    return std::nullopt;
#endif
}

} // namespace server

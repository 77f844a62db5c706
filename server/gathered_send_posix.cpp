#include "server/gathered_send.hpp"

#include <cerrno>

#include <sys/socket.h>

#include <asio/error.hpp>

namespace server {

// sendmsg, not asio's write_some, which would take only the first 64 buffers. MSG_NOSIGNAL: a peer gone
// is an error to handle, not a SIGPIPE.
std::size_t sendGathered(Socket& socket, std::span<const GatherBuffer> buffers, std::error_code& ec) {
    msghdr msg{};
    msg.msg_iov = const_cast<iovec*>(buffers.data());
    msg.msg_iovlen = buffers.size();
    for (;;) {
        const ssize_t n = ::sendmsg(socket.native_handle(), &msg, MSG_NOSIGNAL);
        if (n >= 0) {
            ec.clear();
            return static_cast<std::size_t>(n);
        }
        if (errno == EINTR) continue;
        ec = std::error_code(errno, asio::error::get_system_category());
        return 0;
    }
}

} // namespace server

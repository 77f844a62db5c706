#include "server/control_access.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace server {

std::error_code bindOwnerOnly(asio::local::stream_protocol::acceptor& acceptor, const std::string& path) {
    std::error_code ec;
    const mode_t old = ::umask(0177); // 0600 from the moment it exists
    acceptor.bind(asio::local::stream_protocol::endpoint(path), ec);
    ::umask(old);
    return ec;
}

// The folder's 0700 says so already; this holds even if someone loosened the folder.
bool peerIsOwner(asio::local::stream_protocol::socket& socket) {
    ucred cred{};
    socklen_t len = sizeof cred;
    if (::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return false;
    return cred.uid == ::geteuid() || cred.uid == 0;
}

void removeSocketFile(const std::string& path) { ::unlink(path.c_str()); }

} // namespace server

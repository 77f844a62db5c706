#include "server/control_access.hpp"

#include <windows.h>

#include "net/wide_text.hpp"

namespace server {

// Windows checks the socket file's access list on connect, and the file inherits that of the private data
// folder under %LOCALAPPDATA% (see private_files.hpp): only the server's user (and administrators) connect.
std::error_code bindOwnerOnly(asio::local::stream_protocol::acceptor& acceptor, const std::string& path) {
    std::error_code ec;
    acceptor.bind(asio::local::stream_protocol::endpoint(path), ec);
    return ec;
}

// Windows' AF_UNIX sockets cannot name their peer (no SO_PEERCRED): the access list above decides.
bool peerIsOwner(asio::local::stream_protocol::socket&) { return true; }

void removeSocketFile(const std::string& path) { ::DeleteFileW(net::widen(path).c_str()); }

} // namespace server

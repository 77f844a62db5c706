#pragma once
// Who may reach the operator's control socket (control_socket.hpp), as each system can tell: the socket file
// is made private and, where the system says who connected, the peer must be the server's own user.
#include <string>
#include <system_error>

#include <asio/local/stream_protocol.hpp>

namespace server {

/// Binds the acceptor to path with a file only its owner may connect to. The error instead of throwing.
std::error_code bindOwnerOnly(asio::local::stream_protocol::acceptor& acceptor, const std::string& path);

/// Whether the connected peer runs as the server's own user (or root).
bool peerIsOwner(asio::local::stream_protocol::socket& socket);

/// Deletes the socket file at path.
void removeSocketFile(const std::string& path);

} // namespace server

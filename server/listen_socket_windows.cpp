#include "server/listen_socket.hpp"

#include <winsock2.h>

#include <asio/detail/socket_option.hpp>

namespace server {

void setRebindOptions(Acceptor& acceptor, std::error_code& ec) {
    // A listener may bind over TIME_WAIT connections on Windows without any option.
    acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_EXCLUSIVEADDRUSE>(true), ec);
}

bool isResourceExhaustion(const std::error_code& ec) {
    if (ec.category() != asio::error::get_system_category()) return false;
    const int e = ec.value();
    return e == WSAEMFILE || e == WSAENOBUFS || e == ERROR_NOT_ENOUGH_MEMORY;
}

} // namespace server

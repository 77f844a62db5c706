#include "server/listen_socket.hpp"

#include <cerrno>

namespace server {

void setRebindOptions(Acceptor& acceptor, std::error_code& ec) {
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
}

bool isResourceExhaustion(const std::error_code& ec) {
    // Asio reports errno values in its own category, which does not compare equal to std::errc conditions.
    if (ec.category() != asio::error::get_system_category()) return false;
    const int e = ec.value();
    return e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM;
}

} // namespace server

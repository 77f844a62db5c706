#pragma once
// A loopback port where connects are refused: a server that is down (a failed connect, failover tests).
#include <cstdint>

#include <asio.hpp>

namespace support {

/// A port on 127.0.0.1 nothing listens on: bound by the kernel's choice, then released.
inline std::uint16_t closedPort() {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::address_v4::loopback(), 0});
    const std::uint16_t port = acceptor.local_endpoint().port();
    acceptor.close();
    return port;
}

} // namespace support

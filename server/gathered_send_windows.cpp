#include "server/gathered_send.hpp"

#include <asio/error.hpp>

namespace server {

// WSASend without an OVERLAPPED structure on the non-blocking socket: it completes at once or fails with
// WSAEWOULDBLOCK, like sendmsg on Linux; nothing is posted to the io_context's completion port.
std::size_t sendGathered(Socket& socket, std::span<const GatherBuffer> buffers, std::error_code& ec) {
    DWORD sent = 0;
    if (::WSASend(socket.native_handle(), const_cast<WSABUF*>(buffers.data()),
                  static_cast<DWORD>(buffers.size()), &sent, 0, nullptr, nullptr) == 0) {
        ec.clear();
        return sent;
    }
    const int error = ::WSAGetLastError();
    ec = error == WSAEWOULDBLOCK ? std::error_code(asio::error::would_block)
                                 : std::error_code(error, asio::error::get_system_category());
    return 0;
}

} // namespace server

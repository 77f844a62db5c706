#pragma once
// One gathered, non-blocking send of many buffers on a connected socket: a burst of frames leaves in one
// system call. The buffer type is the system's own (iovec for sendmsg, WSABUF for WSASend) so the write
// queue fills the array the call reads, with no copy.
#include <cstddef>
#include <span>
#include <string_view>
#include <system_error>

#ifdef _WIN32
#include <winsock2.h>
#else
#include <sys/uio.h>
#endif

#include "server/socket.hpp"

namespace server {

#ifdef _WIN32
using GatherBuffer = WSABUF;
inline GatherBuffer gatherBuffer(const char* data, std::size_t size) {
    return {static_cast<ULONG>(size), const_cast<char*>(data)}; // WSASend only reads through it
}
inline std::string_view gatheredBytes(const GatherBuffer& b) { return {b.buf, b.len}; }
#else
using GatherBuffer = iovec;
inline GatherBuffer gatherBuffer(const char* data, std::size_t size) {
    return {const_cast<char*>(data), size}; // sendmsg only reads through it
}
inline std::string_view gatheredBytes(const GatherBuffer& b) {
    return {static_cast<const char*>(b.iov_base), b.iov_len};
}
#endif

/// Sends what the socket's buffer takes of `buffers` now (the socket is non-blocking). Returns the bytes
/// sent; a full socket gives asio::error::would_block in ec. Errors come in asio's category, as from asio's
/// own calls.
std::size_t sendGathered(Socket& socket, std::span<const GatherBuffer> buffers, std::error_code& ec);

} // namespace server

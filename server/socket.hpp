#pragma once
// The socket types of the server, bound to the io_context's own executor instead of asio's type-erased
// any_io_executor: a smaller socket and smaller pending operations (one per connection, a thousand idle
// connections add up), and no type-erased dispatch on the hot path.
#include <asio/basic_socket_acceptor.hpp>
#include <asio/basic_stream_socket.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

namespace server {

/// A connected TCP socket.
using Socket = asio::basic_stream_socket<asio::ip::tcp, asio::io_context::executor_type>;
/// The listening socket; its accepts produce Sockets.
using Acceptor = asio::basic_socket_acceptor<asio::ip::tcp, asio::io_context::executor_type>;

} // namespace server

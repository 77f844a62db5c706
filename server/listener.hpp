#pragma once
// The acceptor loop: applies the connection caps, survives descriptor exhaustion without spinning, and hands
// each accepted socket to a new Session.
#include <cstdint>
#include <string>
#include <system_error>

#include "server/socket.hpp"
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "server/address_limits.hpp"
#include "server/options.hpp"

namespace server {

class Registry;
class Room;
class Status;

class Listener {
public:
    /// Sessions are registered in registry and join room.
    Listener(asio::io_context& io, const Options& options, Registry& registry, Room& room, Status& status);

    /// Binds and listens on --bind:--port; returns the error instead of throwing.
    std::error_code open();
    /// The address actually bound (the real port when --port 0).
    asio::ip::tcp::endpoint endpoint() const;
    /// Starts accepting.
    void start();
    /// Stops accepting; pending accepts complete with operation_aborted.
    void close();

private:
    void doAccept();
    void onAccept(const std::error_code& ec, Socket socket);

    asio::io_context& m_io;
    const Options& m_options;
    Registry& m_registry;
    Room& m_room;
    Status& m_status;
    Acceptor m_acceptor;
    asio::steady_timer m_retryTimer;
    AddressLimits m_limits{m_options};
    bool m_exhaustedLogged = false;
};

} // namespace server

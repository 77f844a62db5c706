#pragma once
// The acceptor loop: applies the connection caps, survives descriptor exhaustion without spinning, and hands
// each accepted socket to a new Session, or on the lab's port (--legacy-port) to a new LabSession.
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
    /// What the port speaks: the imchat protocol (--port), or the original lab's raw text (--legacy-port).
    enum class Kind { Imchat, Lab };

    /// Sessions are registered in registry and join room. Both kinds share limits, the connection rates of
    /// each address: one cannot go around them through the other port.
    Listener(asio::io_context& io, const Options& options, Registry& registry, Room& room, Status& status,
             AddressLimits& limits, Kind kind = Kind::Imchat);

    /// Binds and listens on --bind and the kind's port; returns the error instead of throwing.
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
    /// Refuses the new session (its connection is over a limit) or starts it; the Registry holds it.
    template <typename Served>
    void serve(const std::shared_ptr<Served>& session, const AddressLimits::Verdict& verdict);

    asio::io_context& m_io;
    const Options& m_options;
    Registry& m_registry;
    Room& m_room;
    Status& m_status;
    Acceptor m_acceptor;
    asio::steady_timer m_retryTimer;
    AddressLimits& m_limits;
    const Kind m_kind;
    bool m_exhaustedLogged = false;
};

} // namespace server

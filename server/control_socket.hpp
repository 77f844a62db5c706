#pragma once
// The operator's door into a running server: a UNIX socket beside the database, named after it as SQLite
// names its WAL (server.db-control; 0600 in the 0700 data folder; a peer running as another user is refused
// by its SO_PEERCRED as well). One request per
// connection, one line of tab-separated fields, answered with lines, then closed:
//   list                        "ok N", then N lines: name<TAB>registered (UTC, YYYY-mm-dd HH:MM:SS)
//   reset-password NAME PASS    "ok" | "error WHY": every device token revoked, a signed-in session ended
//   release NAME                "ok" | "error WHY": account and tokens deleted, a signed-in session ended
// It runs on the server's one io_context like everything else: nothing stops, nothing is locked, no message
// is lost. At most kMaxClients at once, each with kDeadline to finish.
#include <chrono>
#include <memory>
#include <string>
#include <system_error>

#include <asio/io_context.hpp>
#include <asio/local/stream_protocol.hpp>
#include <asio/steady_timer.hpp>

namespace server {

class Accounts;
class Room;
class Status;

class ControlSocket {
public:
    static constexpr std::size_t kMaxClients = 4;
    static constexpr std::size_t kMaxRequestBytes = 4096;
    /// sun_path holds 108 bytes on Linux and on Windows, the terminating zero included.
    static constexpr std::size_t kMaxPathBytes = 107;
    static constexpr std::chrono::seconds kDeadline{10};

    ControlSocket(asio::io_context& io, std::string path, Accounts& accounts, Room& room, Status& status);
    ~ControlSocket();

    /// The socket file of the database at dataPath: "<dataPath>-control".
    static std::string pathFor(const std::string& dataPath);
    /// Binds path (replacing a stale file no server answers on); the error instead of throwing.
    std::error_code open();
    /// Starts accepting.
    void start();
    /// Stops accepting and removes the socket file.
    void close();

private:
    class Client;
    void doAccept();

    asio::io_context& m_io;
    std::string m_path;
    Accounts& m_accounts;
    Room& m_room;
    Status& m_status;
    asio::local::stream_protocol::acceptor m_acceptor;
    asio::steady_timer m_retry; // after a failed accept (no descriptors left): try again in a second
    std::shared_ptr<std::size_t> m_clients = std::make_shared<std::size_t>(0); // open ones, shared with each
    bool m_bound = false;
};

} // namespace server

#include "server/control_socket.hpp"

#include <cstdio>
#include <ctime>
#include <string_view>
#include <vector>

#include <asio/read_until.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include "net/name_rules.hpp"
#include "server/accounts.hpp"
#include "server/control_access.hpp"
#include "server/log_text.hpp"
#include "server/room.hpp"
#include "server/status.hpp"

namespace server {

using Local = asio::local::stream_protocol;

namespace {

std::vector<std::string> fields(std::string_view line) {
    std::vector<std::string> out;
    for (;;) {
        const auto tab = line.find('\t');
        out.emplace_back(line.substr(0, tab));
        if (tab == std::string_view::npos) return out;
        line.remove_prefix(tab + 1);
    }
}

std::string utcText(std::uint64_t ms) {
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

} // namespace

/// One operator connection: a request line in, the answer out, closed. Kept alive by its handlers.
class ControlSocket::Client : public std::enable_shared_from_this<ControlSocket::Client> {
public:
    Client(ControlSocket& owner, Local::socket socket)
        : m_owner(owner), m_socket(std::move(socket)), m_deadline(owner.m_io), m_count(owner.m_clients) {
        ++*m_count;
    }
    ~Client() { --*m_count; }

    void start() {
        m_deadline.expires_after(kDeadline);
        m_deadline.async_wait([self = shared_from_this()](const std::error_code& ec) {
            if (!ec) self->close();
        });
        if (!peerIsOwner(m_socket)) return reply("error only the server's own user may control it\n");
        asio::async_read_until(m_socket, asio::dynamic_buffer(m_request, kMaxRequestBytes), '\n',
                               [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                                   if (ec) return self->reply("error one request line, at most 4 KiB\n");
                                   self->m_request.resize(n - 1);
                                   self->handle(fields(self->m_request));
                               });
    }

private:
    void handle(const std::vector<std::string>& f) {
        Accounts& accounts = m_owner.m_accounts;
        if (f.size() == 1 && f[0] == "list") {
            const auto all = accounts.store().list();
            std::string out = "ok " + std::to_string(all.size()) + "\n";
            for (const auto& a : all) out += a.name + "\t" + utcText(a.createdMs) + "\n";
            return reply(out);
        }
        const bool reset = f.size() == 3 && f[0] == "reset-password";
        const bool release = f.size() == 2 && f[0] == "release";
        if (!reset && !release) return reply("error unknown request (list, reset-password, release)\n");
        const auto name = net::normalizeName(f[1]);
        const std::string key = name ? net::nameKey(*name) : std::string();
        const auto account = name ? accounts.store().find(key) : std::nullopt;
        if (!account) return reply("error no registered name " + f[1] + "\n");
        if (release) {
            return accounts.release(key, [self = shared_from_this(), key, name = account->name](bool ok) {
                if (!ok) return self->reply("error the database (or the cluster) refused the change\n");
                self->m_owner.m_room.signOut(key);
                self->m_owner.m_status.log("operator: released the name " + quoted(name));
                self->reply("ok\n");
            });
        }
        if (Accounts::checkNewPassword(f[2]) != net::ErrorCode::None)
            return reply("error the new password needs 8 characters at least (and 256 bytes at most)\n");
        accounts.resetPassword(key, f[2], [self = shared_from_this(), key, name = account->name](bool ok) {
            if (!ok)
                return self->reply(
                    "error the server is busy, or the database (or the cluster) refused: try again\n");
            self->m_owner.m_room.signOut(key);
            self->m_owner.m_status.log("operator: reset the password of " + quoted(name) +
                                       " (every device token revoked)");
            self->reply("ok\n");
        });
    }

    void reply(std::string text) {
        m_reply = std::move(text);
        asio::async_write(
            m_socket, asio::buffer(m_reply),
            [self = shared_from_this()](const std::error_code&, std::size_t) { self->close(); });
    }

    void close() {
        std::error_code ignored;
        m_socket.close(ignored);
        m_deadline.cancel();
    }

    ControlSocket& m_owner;
    Local::socket m_socket;
    asio::steady_timer m_deadline;
    std::shared_ptr<std::size_t> m_count;
    std::string m_request, m_reply;
};

ControlSocket::ControlSocket(asio::io_context& io, std::string path, Accounts& accounts, Room& room,
                             Status& status)
    : m_io(io), m_path(std::move(path)), m_accounts(accounts), m_room(room), m_status(status), m_acceptor(io),
      m_retry(io) {}

ControlSocket::~ControlSocket() { close(); }

std::string ControlSocket::pathFor(const std::string& dataPath) { return dataPath + "-control"; }

std::error_code ControlSocket::open() {
    if (m_path.size() > kMaxPathBytes) return std::make_error_code(std::errc::filename_too_long);
    std::error_code ec;
    {
        // A file left by a server that died: nobody answers on it, so it goes. One that answers is in use.
        Local::socket probe(m_io);
        probe.connect(Local::endpoint(m_path), ec);
        if (!ec) return std::make_error_code(std::errc::address_in_use);
        if (ec == asio::error::connection_refused) removeSocketFile(m_path);
    }
    ec.clear();
    m_acceptor.open(Local(), ec);
    if (ec) return ec;
    if ((ec = bindOwnerOnly(m_acceptor, m_path))) return ec;
    m_bound = true;
    m_acceptor.listen(static_cast<int>(kMaxClients), ec);
    return ec;
}

void ControlSocket::start() { doAccept(); }

void ControlSocket::close() {
    std::error_code ignored;
    if (m_acceptor.is_open()) m_acceptor.close(ignored);
    m_retry.cancel();
    if (m_bound) removeSocketFile(m_path);
    m_bound = false;
}

void ControlSocket::doAccept() {
    m_acceptor.async_accept([this](const std::error_code& ec, Local::socket socket) {
        if (ec == asio::error::operation_aborted || !m_acceptor.is_open()) return;
        if (ec) {
            m_retry.expires_after(std::chrono::seconds(1));
            m_retry.async_wait([this](const std::error_code& e) {
                if (!e) doAccept();
            });
            return;
        }
        if (*m_clients >= kMaxClients) { // an operator needs one; a script gone wrong gets no more
            std::error_code ignored;
            socket.close(ignored);
        } else {
            std::make_shared<Client>(*this, std::move(socket))->start();
        }
        doAccept();
    });
}

} // namespace server

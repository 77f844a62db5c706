#include "server/listener.hpp"

#include <memory>

#include "net/messages.hpp"
#include "server/lab_session.hpp"
#include "server/listen_socket.hpp"
#include "server/registry.hpp"
#include "server/session.hpp"
#include "server/status.hpp"

namespace server {

namespace {

constexpr std::chrono::milliseconds kAcceptRetry{100};
constexpr std::size_t kMaxRefusing = 64; // beyond this, refused connections are closed without a reason

std::string addressOf(const asio::ip::tcp::endpoint& ep) {
    auto addr = ep.address();
    // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d; show and count them as a.b.c.d.
    if (addr.is_v6() && addr.to_v6().is_v4_mapped())
        addr = asio::ip::make_address_v4(asio::ip::v4_mapped, addr.to_v6());
    return addr.to_string();
}

} // namespace

Listener::Listener(asio::io_context& io, const Options& options, Registry& registry, Room& room,
                   Status& status, AddressLimits& limits, Kind kind)
    : m_io(io), m_options(options), m_registry(registry), m_room(room), m_status(status), m_acceptor(io),
      m_retryTimer(io), m_limits(limits), m_kind(kind) {}

std::error_code Listener::open() {
    std::error_code ec;
    const auto address = asio::ip::make_address(m_options.bind, ec);
    if (ec) return ec;
    const asio::ip::tcp::endpoint ep(address,
                                     m_kind == Kind::Lab ? m_options.legacyPort.value_or(0) : m_options.port);
    m_acceptor.open(ep.protocol(), ec);
    if (!ec) setRebindOptions(m_acceptor, ec);
    if (!ec) m_acceptor.bind(ep, ec);
    if (!ec) m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        std::error_code ignored;
        m_acceptor.close(ignored);
    }
    return ec;
}

asio::ip::tcp::endpoint Listener::endpoint() const {
    std::error_code ec;
    return m_acceptor.local_endpoint(ec);
}

void Listener::start() { doAccept(); }

void Listener::close() {
    std::error_code ignored;
    m_acceptor.close(ignored);
    m_retryTimer.cancel();
}

void Listener::doAccept() {
    m_acceptor.async_accept(
        [this](const std::error_code& ec, Socket socket) { onAccept(ec, std::move(socket)); });
}

template <typename Served>
void Listener::serve(const std::shared_ptr<Served>& session, const AddressLimits::Verdict& verdict) {
    if (verdict.refusal != net::ErrorCode::None)
        session->refuse(verdict.refusal, verdict.why); // sets counted() false before add()
    m_registry.add(session);
    if (verdict.refusal == net::ErrorCode::None) session->start();
}

void Listener::onAccept(const std::error_code& ec, Socket socket) {
    // The acceptor may have been closed by the signal handler before this ran.
    if (ec == asio::error::operation_aborted || !m_acceptor.is_open()) return;
    if (ec) {
        if (isResourceExhaustion(ec)) {
            // The pending connection stays in the backlog and would be reported again at once: wait instead.
            if (!m_exhaustedLogged)
                m_status.log("accept failed: " + ec.message() + "; retrying every 100 ms");
            m_exhaustedLogged = true;
            m_retryTimer.expires_after(kAcceptRetry);
            m_retryTimer.async_wait([this](const std::error_code& tec) {
                if (!tec && m_acceptor.is_open()) doAccept();
            });
            return;
        }
        doAccept(); // ECONNABORTED and the like concern one peer only
        return;
    }
    m_exhaustedLogged = false;
    std::error_code sec;
    const auto peer = socket.remote_endpoint(sec);
    if (!sec) socket.set_option(asio::ip::tcp::no_delay(true), sec);
    if (!sec) socket.non_blocking(true, sec);
    if (!sec) {
        std::string ip = addressOf(peer);
        const auto verdict =
            m_limits.admit(ip, m_registry.clients(), m_registry.fromIp(ip), std::chrono::steady_clock::now());
        const net::ErrorCode refusal = verdict.refusal;
        if (refusal == net::ErrorCode::None || m_registry.refusing() < kMaxRefusing) {
            if (m_kind == Kind::Lab)
                serve(std::make_shared<LabSession>(std::move(socket), std::move(ip), m_room, m_registry,
                                                   m_options, m_status),
                      verdict);
            else
                serve(std::make_shared<Session>(std::move(socket), std::move(ip), m_room, m_registry,
                                                m_options, m_status),
                      verdict);
        }
    }
    doAccept();
}

} // namespace server

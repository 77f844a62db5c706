#include "net/connection.hpp"

#include <array>
#include <atomic>
#include <deque>
#include <random>
#include <thread>

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <readerwriterqueue/readerwriterqueue.h>

#include "net/backoff.hpp"
#include "net/client_session.hpp"
#include "net/codec.hpp"
#include "net/fingerprint.hpp"
#include "net/server_rotation.hpp"
#include "net/tls_client_policy.hpp"
#include "net/token_bucket.hpp"

namespace net {

namespace {

using Clock = std::chrono::steady_clock;
using asio::ip::tcp;
using std::chrono::milliseconds;

std::uint64_t randomBits() {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) | rd();
}

std::int64_t toMs(Clock::duration d) { return std::chrono::duration_cast<milliseconds>(d).count(); }

/// What a failed TCP connect means to someone at the keyboard.
DisconnectCause connectCause(const asio::error_code& ec) {
    if (ec == asio::error::connection_refused) return DisconnectCause::Refused;
    if (ec == asio::error::host_unreachable || ec == asio::error::network_unreachable)
        return DisconnectCause::Unreachable;
    if (ec == asio::error::timed_out) return DisconnectCause::ConnectTimeout;
    return DisconnectCause::ConnectFailed;
}

/// How long a fatal-stop Bye may take to leave before the socket is closed anyway.
constexpr milliseconds kByeGrace{20};

/// One connection's stream. A new one per connection (a TLS state cannot be reused), shared with the handlers
/// in flight so that a closed link's last completions still find it. Plaintext uses its socket directly.
using Stream = asio::ssl::stream<tcp::socket>;

asio::ssl::context clientContext() {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    applyTlsClientPolicy(ctx.native_handle());
    return ctx;
}

} // namespace

// Threading: the UI thread only touches m_events (consumer side), m_reserved, m_nextId and posts to m_io.
// Everything else belongs to the network thread, which is the only one running m_io's handlers.
struct Connection::Impl final : ClientSession::Sink {
    Impl(ConnectionConfig config, std::function<void()> wake);

    std::uint64_t submit(Message message);
    void shutdown();

    void emit(Event event) override;
    void send(const Message& message) override;
    void released(std::uint64_t clientId) override;

    void connect();
    void doConnect(std::vector<tcp::endpoint> endpoints);
    void onConnected();
    void onSecured();
    bool pinned(const std::string& fingerprint);
    void doRead();
    void onBytes(std::size_t n);
    void doWrite();
    void doTick();
    void armHandshakeTimeout();
    void pumpOutbox();
    void fail(DisconnectCause cause, const std::string& reason, bool retry, ErrorCode code = ErrorCode::None,
              std::string detail = {});
    void closeLink();
    void setName(std::string name);
    void reconnectNow();
    void trust(std::string fingerprint);
    void startOver();
    template <typename Read>
    void readSome(Read handler);
    template <typename Write>
    void write(const std::string& bytes, Write handler);
    void stop();
    milliseconds pingInterval() const;

    enum class Link { Idle, Connecting, Connected, Waiting, Stopped };

    const ConnectionConfig m_config;
    ServerRotation m_servers; // which server the next connection goes to
    const std::function<void()> m_wake;
    const std::uint64_t m_idBase;
    std::atomic<std::uint32_t> m_nextId{0};
    std::atomic<std::size_t> m_reserved{0}; // outbox slots taken, counted on the UI thread before posting
    moodycamel::ReaderWriterQueue<Event> m_events{256};

    asio::io_context m_io{1};
    asio::executor_work_guard<asio::io_context::executor_type> m_work = asio::make_work_guard(m_io);
    tcp::resolver m_resolver{m_io};
    asio::ssl::context m_tlsContext = clientContext();
    std::shared_ptr<Stream> m_stream; // the current connection's, null between connections
    std::string m_pinnedKey;
    asio::steady_timer m_connectTimer{m_io}; // connect timeout, then handshake timeout
    asio::steady_timer m_retryTimer{m_io};
    asio::steady_timer m_tickTimer{m_io}; // heartbeat and dead-peer check
    asio::steady_timer m_stopTimer{m_io};
    asio::steady_timer m_paceTimer{m_io}; // next send from the outbox when the budget ran out

    ClientSession m_session;
    Backoff m_backoff;
    FrameDecoder m_decoder;
    std::array<char, 16 * 1024> m_readBuf{};
    std::deque<std::string> m_writeQueue;
    bool m_writing = false;
    Link m_link = Link::Idle;
    std::uint64_t m_gen = 0; // bumped on every close: handlers of an older link see the mismatch and return
    unsigned m_attempt = 0;
    std::uint64_t m_pingNonce = 0;
    TokenBucket m_sendBudget; // mirrors the server's flood control, so it never has to refuse us
    bool m_pacing = false;
    Clock::time_point m_lastSent{};
    Clock::time_point m_lastReceived{};
    bool m_stopping = false;
    std::thread m_thread; // last: starts once everything above exists
};

Connection::Impl::Impl(ConnectionConfig config, std::function<void()> wake)
    : m_config(std::move(config)), m_servers(m_config.servers()), m_wake(std::move(wake)),
      m_idBase((randomBits() | 1) << 32), m_session(m_config.name),
      m_backoff(m_config.backoffMin, m_config.backoffMax, randomBits()),
      m_sendBudget(m_config.sendRate, m_config.sendBurst, Clock::now()) {
    m_pinnedKey = m_config.pinnedKey;
    m_session.setCredentials({m_config.auth, m_config.secret, m_config.remember});
    asio::post(m_io, [this] { connect(); });
    m_thread = std::thread([this] {
        for (;;) {
            try {
                m_io.run();
                return;
            } catch (const std::exception& e) {
                // A handler threw (a bug or out of memory): report it and keep the loop alive.
                fail(DisconnectCause::Internal, std::string("internal error: ") + e.what(), true,
                     ErrorCode::None, e.what());
            }
        }
    });
}

// ---- UI thread ----

std::uint64_t Connection::Impl::submit(Message message) {
    // Counted here, not on the network thread, so a full outbox is refused synchronously.
    if (m_reserved.fetch_add(1) >= m_config.maxOutbox) {
        m_reserved.fetch_sub(1);
        return 0;
    }
    const std::uint64_t id = m_idBase | ++m_nextId; // the base's low bit is set, so never 0
    std::visit(
        [id](auto& m) {
            if constexpr (requires { m.clientId; }) m.clientId = id;
        },
        message);
    asio::post(m_io, [this, m = std::move(message)]() mutable {
        m_session.submit(std::move(m), *this);
        pumpOutbox();
    });
    return id;
}

void Connection::Impl::shutdown() {
    asio::post(m_io, [this] { stop(); });
    m_thread.join();
}

// ---- network thread ----

void Connection::Impl::emit(Event event) {
    if (m_stopping) return; // the owner is going away: nobody polls any more
    if (auto* welcome = std::get_if<WelcomeEvent>(&event)) welcome->encrypted = !m_config.plaintext;
    m_events.enqueue(std::move(event));
    if (m_wake) m_wake();
}

void Connection::Impl::send(const Message& message) {
    if (m_link != Link::Connected) return;
    m_writeQueue.push_back(encode(message));
    m_lastSent = Clock::now();
    if (!m_writing) doWrite();
}

void Connection::Impl::released(std::uint64_t) { m_reserved.fetch_sub(1); }

void Connection::Impl::connect() {
    closeLink();
    m_link = Link::Connecting;
    const Endpoint& server = m_servers.current();
    emit(ConnectingEvent{m_servers.currentText(), ++m_attempt, m_config.name});
    const std::uint64_t gen = m_gen;
    m_connectTimer.expires_after(m_config.connectTimeout);
    m_connectTimer.async_wait([this, gen](const asio::error_code& ec) {
        if (ec || gen != m_gen || m_link != Link::Connecting) return;
        fail(DisconnectCause::ConnectTimeout, "connecting to " + m_servers.currentText() + " timed out",
             true);
    });
    asio::error_code ec;
    const auto address = asio::ip::make_address(server.host, ec);
    if (!ec) {
        // A literal address needs no resolver (whose lookups cannot be interrupted on shutdown).
        doConnect({tcp::endpoint(address, server.port)});
        return;
    }
    m_resolver.async_resolve(
        server.host, std::to_string(server.port),
        [this, gen](const asio::error_code& ec, const tcp::resolver::results_type& results) {
            if (gen != m_gen) return;
            if (ec) {
                fail(DisconnectCause::Resolve,
                     "cannot resolve " + m_servers.current().host + ": " + ec.message(), true);
                return;
            }
            doConnect({results.begin(), results.end()});
        });
}

void Connection::Impl::doConnect(std::vector<tcp::endpoint> endpoints) {
    const std::uint64_t gen = m_gen;
    m_stream = std::make_shared<Stream>(m_io, m_tlsContext);
    asio::async_connect(m_stream->next_layer(), std::move(endpoints),
                        [this, gen, keep = m_stream](const asio::error_code& ec, const tcp::endpoint&) {
                            if (gen != m_gen) return;
                            if (ec) {
                                fail(connectCause(ec),
                                     "cannot connect to " + m_servers.currentText() + ": " + ec.message(),
                                     true, ErrorCode::None, ec.message());
                                return;
                            }
                            onConnected();
                        });
}

void Connection::Impl::onConnected() {
    asio::error_code ignored;
    m_stream->next_layer().set_option(tcp::no_delay(true), ignored); // chat lines are small: send them now
    if (m_config.plaintext) return onSecured();
    const std::uint64_t gen = m_gen;
    m_stream->async_handshake(Stream::client, [this, gen, keep = m_stream](const asio::error_code& ec) {
        if (gen != m_gen) return;
        if (ec)
            return fail(DisconnectCause::Tls,
                        "TLS with " + m_servers.currentText() + " failed: " + ec.message(), true);
        const X509* cert = SSL_get0_peer_certificate(keep->native_handle());
        const std::string key = cert ? keyFingerprint(X509_get0_pubkey(cert)) : std::string();
        if (!pinned(key)) return;
        onSecured();
    });
}

bool Connection::Impl::pinned(const std::string& key) {
    if (!key.empty() && key == m_pinnedKey) return true;
    // An unknown or changed key: nothing is sent (not even the name), and nothing is retried until the user
    // has compared the key and trusts it.
    emit(ServerKeyEvent{m_servers.currentText(), key, m_pinnedKey});
    if (m_pinnedKey.empty()) fail(DisconnectCause::KeyUnknown, "the server's key is not trusted yet", false);
    else fail(DisconnectCause::KeyChanged, "the server's key has changed", false);
    return false;
}

void Connection::Impl::onSecured() {
    m_link = Link::Connected;
    m_lastReceived = Clock::now();
    m_sendBudget.fill(m_lastReceived); // the server's bucket starts full on every connection
    emit(ConnectedEvent{m_servers.currentText()});
    send(m_session.begin());
    armHandshakeTimeout();
    doRead();
    doTick();
}

void Connection::Impl::armHandshakeTimeout() {
    const std::uint64_t gen = m_gen;
    m_connectTimer.expires_after(m_config.connectTimeout);
    m_connectTimer.async_wait([this, gen](const asio::error_code& ec) {
        if (ec || gen != m_gen || m_session.welcomed()) return;
        fail(DisconnectCause::NoWelcome, "no Welcome from " + m_servers.currentText() + " in time", true);
    });
}

template <typename Read>
void Connection::Impl::readSome(Read handler) {
    if (m_config.plaintext)
        m_stream->next_layer().async_read_some(asio::buffer(m_readBuf), std::move(handler));
    else m_stream->async_read_some(asio::buffer(m_readBuf), std::move(handler));
}

template <typename Write>
void Connection::Impl::write(const std::string& bytes, Write handler) {
    if (m_config.plaintext)
        asio::async_write(m_stream->next_layer(), asio::buffer(bytes), std::move(handler));
    else asio::async_write(*m_stream, asio::buffer(bytes), std::move(handler));
}

void Connection::Impl::doRead() {
    const std::uint64_t gen = m_gen;
    readSome([this, gen, keep = m_stream](const asio::error_code& ec, std::size_t n) {
        if (gen != m_gen) return;
        if (ec) {
            if (ec == asio::error::eof)
                fail(DisconnectCause::ServerClosed, "the server closed the connection", true);
            else fail(DisconnectCause::Lost, "connection lost: " + ec.message(), true);
            return;
        }
        onBytes(n);
    });
}

void Connection::Impl::onBytes(std::size_t n) {
    const std::uint64_t gen = m_gen;
    m_lastReceived = Clock::now();
    m_decoder.feed(std::string_view(m_readBuf.data(), n));
    Message message;
    for (;;) {
        const DecodeStatus status = m_decoder.next(message);
        if (status == DecodeStatus::NeedMore) break;
        if (status == DecodeStatus::Bad) {
            if (!isFatal(m_decoder.error())) continue; // one unknown or non-UTF-8 frame was skipped
            fail(DisconnectCause::BadFrame,
                 std::string("the server sent a bad frame (") + errorName(m_decoder.error()) + ")", true);
            return;
        }
        const bool wasJoined = m_session.joined(), wasReconciling = m_session.reconciling(),
                   wasReadOnly = m_session.readOnly();
        const auto outcome = m_session.onMessage(std::move(message), *this);
        if (!wasJoined && m_session.joined()) {
            m_backoff.reset();
            m_attempt = 0;
        }
        // Kept messages go out once joined, once a trimmed replay has been searched for their echoes, and
        // once a read-only room takes messages again.
        if ((!wasJoined || wasReconciling || wasReadOnly) && m_session.joined() && !m_session.reconciling() &&
            !m_session.readOnly())
            pumpOutbox();
        if (outcome.verdict != ClientSession::Verdict::Continue) {
            fail(outcome.code == ErrorCode::None ? DisconnectCause::Goodbye : DisconnectCause::ServerError,
                 outcome.reason, outcome.verdict == ClientSession::Verdict::Retry, outcome.code);
            return;
        }
        if (gen != m_gen) return;
    }
    doRead();
}

void Connection::Impl::doWrite() {
    m_writing = true;
    const std::uint64_t gen = m_gen;
    write(m_writeQueue.front(), [this, gen, keep = m_stream](const asio::error_code& ec, std::size_t) {
        if (gen != m_gen) return;
        if (ec) {
            fail(DisconnectCause::Lost, "connection lost: " + ec.message(), true);
            return;
        }
        m_writeQueue.pop_front();
        if (!m_writeQueue.empty()) {
            doWrite();
            return;
        }
        m_writing = false;
        if (m_stopping) { // the Bye is out: nothing else to wait for
            closeLink();
            m_io.stop();
        }
    });
}

void Connection::Impl::pumpOutbox() {
    if (m_pacing || !m_session.joined()) return;
    m_sendBudget.spend(m_session.sendQueued(*this, m_sendBudget.available(Clock::now())));
    if (!m_session.hasQueued()) return;
    // Out of budget: come back when the next token is due.
    m_pacing = true;
    const std::uint64_t gen = m_gen;
    m_paceTimer.expires_after(m_sendBudget.untilNext() + milliseconds(1));
    m_paceTimer.async_wait([this, gen](const asio::error_code& ec) {
        if (ec || gen != m_gen) return;
        m_pacing = false;
        pumpOutbox();
    });
}

milliseconds Connection::Impl::pingInterval() const {
    const milliseconds server(m_session.heartbeatMs());
    return server.count() > 0 ? std::min(m_config.pingInterval, server) : m_config.pingInterval;
}

void Connection::Impl::doTick() {
    const milliseconds period =
        std::clamp(std::min(pingInterval(), m_config.deadAfter) / 4, milliseconds(10), milliseconds(1000));
    const std::uint64_t gen = m_gen;
    m_tickTimer.expires_after(period);
    m_tickTimer.async_wait([this, gen](const asio::error_code& ec) {
        if (ec || gen != m_gen) return;
        const auto now = Clock::now();
        if (now - m_lastReceived >= m_config.deadAfter) {
            fail(DisconnectCause::Silent,
                 "nothing heard from the server for " + std::to_string(toMs(now - m_lastReceived)) + " ms",
                 true);
            return;
        }
        // The Ping keeps the server from timing us out, and its Pong keeps our own dead-peer check quiet.
        if (m_session.joined() && now - m_lastSent >= pingInterval()) send(Ping{++m_pingNonce});
        doTick();
    });
}

void Connection::Impl::closeLink() {
    ++m_gen;
    m_session.end();
    asio::error_code ignored;
    m_resolver.cancel();
    if (m_stream) m_stream->next_layer().close(ignored); // handlers in flight keep the stream until they ran
    m_stream.reset();
    m_connectTimer.cancel();
    m_retryTimer.cancel();
    m_tickTimer.cancel();
    m_paceTimer.cancel();
    m_pacing = false;
    m_writeQueue.clear();
    m_writing = false;
    m_decoder = FrameDecoder{};
    m_link = Link::Idle;
}

void Connection::Impl::fail(DisconnectCause cause, const std::string& reason, bool retry, ErrorCode code,
                            std::string detail) {
    const bool hadJoined = m_session.joined();
    closeLink();
    if (m_stopping) return;
    if (!retry) { // stays on this server: trusting its key, or another name, is about this one
        m_link = Link::Stopped;
        emit(DisconnectedEvent{reason, -1, code, cause, std::move(detail)});
        return;
    }
    // The next server at once (the one that failed is likely down); the backoff once all failed in a row.
    const milliseconds delay = m_servers.failed(hadJoined) ? m_backoff.next() : milliseconds(0);
    m_link = Link::Waiting;
    emit(DisconnectedEvent{reason, delay.count(), code, cause, std::move(detail)});
    const std::uint64_t gen = m_gen;
    m_retryTimer.expires_after(delay);
    m_retryTimer.async_wait([this, gen](const asio::error_code& ec) {
        if (!ec && gen == m_gen) connect();
    });
}

void Connection::Impl::setName(std::string name) {
    const bool same = name == m_session.name();
    m_session.setName(std::move(name));
    if (same && m_link == Link::Connected) return; // already (being) joined under this name
    startOver();
}

void Connection::Impl::trust(std::string fingerprint) {
    m_pinnedKey = std::move(fingerprint);
    startOver();
}

void Connection::Impl::reconnectNow() {
    if (m_link == Link::Connected) return; // up already: nothing to skip
    startOver();
}

void Connection::Impl::startOver() {
    m_backoff.reset();
    m_attempt = 0;
    m_servers.restart();
    connect();
}

void Connection::Impl::stop() {
    const bool sayBye = m_link == Link::Connected && m_session.joined();
    if (sayBye) send(Bye{"client closed"});
    m_stopping = true;
    m_work.reset();
    if (!sayBye) {
        closeLink();
        m_io.stop();
        return;
    }
    // The Bye is best-effort: a server that does not read gets a few ms, then the socket is closed.
    m_connectTimer.cancel();
    m_retryTimer.cancel();
    m_tickTimer.cancel();
    m_stopTimer.expires_after(kByeGrace);
    m_stopTimer.async_wait([this](const asio::error_code&) {
        closeLink();
        m_io.stop();
    });
}

// ---- Connection ----

Connection::Connection(ConnectionConfig config, std::function<void()> wake)
    : m_impl(std::make_unique<Impl>(std::move(config), std::move(wake))) {}

Connection::~Connection() { m_impl->shutdown(); }

std::uint64_t Connection::say(std::string text) { return m_impl->submit(Say{0, std::move(text)}); }

std::uint64_t Connection::whisper(std::string to, std::string text) {
    return m_impl->submit(Whisper{0, std::move(to), std::move(text)});
}

void Connection::requestHistory(std::uint64_t beforeSeq, std::uint16_t maxCount) {
    asio::post(m_impl->m_io, [impl = m_impl.get(), beforeSeq, maxCount] {
        if (impl->m_session.joined()) impl->send(HistoryRequest{beforeSeq, maxCount});
    });
}

void Connection::requestPrivateHistory(std::uint64_t beforeSeq, std::uint16_t maxCount) {
    asio::post(m_impl->m_io, [impl = m_impl.get(), beforeSeq, maxCount] {
        if (impl->m_session.joined()) impl->send(PrivateHistoryRequest{beforeSeq, maxCount});
    });
}

void Connection::requestUsers() {
    asio::post(m_impl->m_io, [impl = m_impl.get()] {
        if (impl->m_session.joined()) impl->send(UsersRequest{});
    });
}

void Connection::setName(std::string name) {
    asio::post(m_impl->m_io,
               [impl = m_impl.get(), n = std::move(name)]() mutable { impl->setName(std::move(n)); });
}

void Connection::reconnectNow() {
    asio::post(m_impl->m_io, [impl = m_impl.get()] { impl->reconnectNow(); });
}

void Connection::trust(std::string fingerprint) {
    asio::post(m_impl->m_io,
               [impl = m_impl.get(), f = std::move(fingerprint)]() mutable { impl->trust(std::move(f)); });
}

void Connection::setCredentials(Auth auth, std::string secret, bool remember) {
    asio::post(m_impl->m_io, [impl = m_impl.get(), auth, s = std::move(secret), remember]() mutable {
        impl->m_session.setCredentials({auth, std::move(s), remember});
        impl->startOver();
    });
}

std::uint64_t Connection::registerName(std::string password, bool remember) {
    const std::uint64_t id = m_impl->m_idBase | ++m_impl->m_nextId;
    asio::post(m_impl->m_io, [impl = m_impl.get(), id, p = std::move(password), remember]() mutable {
        if (!impl->m_session.registerName(id, std::move(p), remember, *impl))
            impl->emit(Error{ErrorCode::None, false, id, "not connected"});
    });
    return id;
}

std::uint64_t Connection::changePassword(std::string oldPassword, std::string newPassword, bool remember) {
    const std::uint64_t id = m_impl->m_idBase | ++m_impl->m_nextId;
    asio::post(m_impl->m_io, [impl = m_impl.get(), id, o = std::move(oldPassword), n = std::move(newPassword),
                              remember]() mutable {
        if (!impl->m_session.changePassword(id, std::move(o), std::move(n), remember, *impl))
            impl->emit(Error{ErrorCode::None, false, id, "not connected"});
    });
    return id;
}

bool Connection::poll(Event& out) { return m_impl->m_events.try_dequeue(out); }

} // namespace net

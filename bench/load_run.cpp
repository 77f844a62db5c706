#include "load_run.hpp"

#include <asio.hpp>
#include <cstdint>
#include <cstring>
#include <iostream>

#include <openssl/ssl.h>

#include "process_watch.hpp"
#include "read_poller.hpp"
#include "storm.hpp"
#include "tls_link.hpp"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
using asio::ip::tcp;

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

class Run;

/// One connection: reads and parses its stream, writes what the run queues for it.
class Client final : public WireEvents, public ReadPoller::Reader {
public:
    Client(Run& run, unsigned index);
    void start(const tcp::endpoint& ep);
    void queue(std::string_view bytes) { outBuffer().append(bytes); }
    /// Where messages to send are appended: the socket's buffer, or with TLS the plaintext to seal.
    std::string& outBuffer() { return m_tls ? m_plainOut : m_out; }
    void flush();
    bool ready() const { return m_ready; }
    bool alive() const { return m_alive; }
    unsigned index() const { return m_index; }

    void onReady() override;
    void onText(std::string_view text) override;
    void onReply(std::string_view bytes) override {
        queue(bytes);
        flush();
    }
    void onProtocolError(std::string_view what) override;
    void onReadable() override;

private:
    void fail(const char* what, const asio::error_code& ec);
    void onTlsReadable();

    Run& m_run;
    unsigned m_index;
    tcp::socket m_socket;
    std::unique_ptr<TlsLink> m_tls; // null: plaintext
    std::string m_partial;          // the start of a message whose rest has not arrived yet
    std::string m_out, m_writing;
    std::string m_plainOut; // TLS: queued plaintext, sealed at the next flush
    bool m_ready = false, m_alive = true;
};

class Run {
public:
    explicit Run(const LoadConfig& c)
        : m_config(c), m_driver(c.proto == "irc" ? makeIrcDriver("#bench") : makeImchatDriver()),
          m_sentBy(c.senders, 0), m_inflight(c.senders, 0),
          m_received(static_cast<std::size_t>(c.clients) * c.senders, 0), m_arrived(m_received.size(), 0),
          m_tick(m_io), m_wall(m_io), m_servers(c.serverPids), m_engines(c.enginePids) {}

    LoadResult go();

    const WireDriver& driver() const { return *m_driver; }
    /// The TLS client context, or null for plaintext.
    ssl_ctx_st* tlsContext() const { return m_tlsContext.get(); }
    asio::io_context& io() { return m_io; }
    ReadPoller& poller() { return m_poller; }
    /// One receive buffer for every client: reads complete one at a time on this thread.
    std::vector<char>& readBuffer() { return m_readBuffer; }
    /// The arrival time of the data being parsed (one clock read per read, not per message).
    std::int64_t arrivalNs() const { return m_arrivalNs; }
    void setArrival(std::int64_t ns) { m_arrivalNs = ns; }

    void clientReady() {
        if (++m_result.ready == m_config.clients) {
            m_result.joinSeconds = std::chrono::duration<double>(Clock::now() - m_connectStart).count();
            startMeasuring();
        }
        connectNext();
    }
    void clientGone(bool wasReady) {
        if (wasReady) ++m_result.disconnects;
        if (!wasReady && ++m_connectFailures + m_result.ready == m_config.clients) {
            std::cerr << "imchat-bench: " << m_connectFailures << " of " << m_config.clients
                      << " connections failed before joining\n";
            m_io.stop(); // the run can never start
            return;
        }
        connectNext();
    }
    /// Only the first few failures are worth a line each.
    bool shouldReport() { return ++m_reported <= 5; }
    void serverError() { ++m_result.errors; }
    void delivery(unsigned receiver, std::string_view text);
    /// Sends what deliveries queued (closed loop): one write per sender per read, not one per message.
    void flushDirty() {
        for (unsigned s : m_dirty) m_clients[s]->flush();
        m_dirty.clear();
    }
    void connectNext();

private:
    void startMeasuring();
    void onTick();
    void sendOne(unsigned sender);
    void finish();

    LoadConfig m_config;
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> m_tlsContext{
        m_config.tls ? makeClientContext() : nullptr, &SSL_CTX_free};
    asio::io_context m_io{1};
    std::unique_ptr<WireDriver> m_driver;
    ReadPoller m_poller{m_io};
    std::vector<std::unique_ptr<Client>> m_clients;
    std::vector<tcp::endpoint> m_endpoints; // one per node; client i connects to [i % size]
    unsigned m_nextToConnect = 0, m_connectFailures = 0, m_reported = 0;
    std::vector<std::uint64_t> m_sentBy, m_inflight;
    std::vector<std::uint32_t> m_received; // [receiver * senders + sender]: next index expected in order
    std::vector<std::uint32_t>
        m_arrived; // [receiver * senders + sender]: messages received (a gap stays short)
    std::uint64_t m_arrivedTotal = 0;
    LoadResult m_result;
    asio::steady_timer m_tick, m_wall;
    Clock::time_point m_t0, m_t1, m_lastKeepAlive = Clock::now(), m_connectStart;
    bool m_sending = false, m_measuring = false;
    std::int64_t m_t0Ns = 0, m_t1Ns = 0;
    ProcessWatch m_servers, m_engines;
    std::string m_text;
    std::vector<char> m_readBuffer = std::vector<char>(256 * 1024); // > one frame (64 KiB) plus a partial one
    std::int64_t m_arrivalNs = 0;
    std::vector<unsigned> m_dirty; // senders with messages queued since the last flushDirty()
    std::unique_ptr<Storm> m_storm;
    asio::steady_timer m_stormTimer{m_io};
};

Client::Client(Run& run, unsigned index) : m_run(run), m_index(index), m_socket(run.io()) {}

void Client::start(const tcp::endpoint& ep) {
    m_socket.async_connect(ep, [this](const asio::error_code& ec) {
        if (ec) return fail("connect", ec);
        m_socket.set_option(tcp::no_delay(true));
        m_socket.non_blocking(true); // reads return EAGAIN instead of blocking the whole run
        m_run.poller().add(m_socket.native_handle(), *this);
        if (m_run.tlsContext()) {
            m_tls = std::make_unique<TlsLink>(m_run.tlsContext());
            m_tls->start(m_out);
        }
        queue(m_run.driver().login("b" + std::to_string(m_index)));
        flush();
        m_run.connectNext();
    });
}

void Client::flush() {
    if (m_tls && !m_plainOut.empty()) { // sealed a batch at a time, as the server does
        m_tls->send(m_plainOut, m_out);
        m_plainOut.clear();
    }
    if (!m_writing.empty() || m_out.empty() || !m_alive) return;
    std::swap(m_writing, m_out);
    asio::async_write(m_socket, asio::buffer(m_writing), [this](const asio::error_code& ec, std::size_t) {
        if (ec) return fail("write", ec);
        m_writing.clear();
        flush();
    });
}

void Client::onTlsReadable() {
    auto& buf = m_run.readBuffer();
    while (m_alive) {
        asio::error_code ec;
        const std::size_t n = m_socket.read_some(asio::buffer(buf), ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again) return;
        if (ec) return fail("read", ec);
        m_run.setArrival(nowNs());
        // Plaintext lands after what is left of a split message: the parser sees it whole.
        if (!m_tls->receive(buf.data(), n, m_partial, m_out))
            return fail("tls", asio::error::make_error_code(asio::error::connection_aborted));
        const std::size_t used = m_run.driver().parse(m_partial, *this);
        m_partial.erase(0, used);
        flush(); // handshake bytes, or what the handshake held
        m_run.flushDirty();
        if (n < buf.size()) return;
    }
}

void Client::onReadable() {
    if (m_tls) return onTlsReadable();
    auto& buf = m_run.readBuffer();
    while (m_alive) {
        // What is left of a split message goes in front of the new bytes, so the parser sees it whole.
        const std::size_t kept = m_partial.size();
        std::memcpy(buf.data(), m_partial.data(), kept);
        asio::error_code ec;
        const std::size_t n = m_socket.read_some(asio::buffer(buf.data() + kept, buf.size() - kept), ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again) return;
        if (ec) return fail("read", ec);
        m_run.setArrival(nowNs());
        const std::size_t used = m_run.driver().parse({buf.data(), kept + n}, *this);
        m_partial.assign(buf.data() + used, kept + n - used);
        m_run.flushDirty();
        if (kept + n < buf.size()) return; // drained: the next arrival is a new readiness edge
    }
}

void Client::fail(const char* what, const asio::error_code& ec) {
    if (!m_alive) return;
    m_alive = false;
    if (ec != asio::error::operation_aborted && m_run.shouldReport())
        std::cerr << "imchat-bench: client " << m_index << " " << what << ": " << ec.message() << "\n";
    asio::error_code ignored;
    m_socket.close(ignored);
    m_run.clientGone(m_ready);
}

void Client::onReady() {
    if (m_ready) return;
    m_ready = true;
    m_run.clientReady();
}

void Client::onText(std::string_view text) {
    // Before it has joined, a client is replayed the room's history: earlier runs' messages, not this run's.
    if (m_ready) m_run.delivery(m_index, text);
}

void Client::onProtocolError(std::string_view what) {
    m_run.serverError();
    if (m_run.shouldReport())
        std::cerr << "imchat-bench: client " << m_index << ": server says: " << what << "\n";
}

// Message text: "b<sender>:<index>:<send ns>:" padded with 'x' to the configured size.
// One decimal field ended by ':'. Plain digits only (we wrote them); std::from_chars, not inlined in GCC 12,
// took a third of the load generator's time at millions of deliveries a second.
bool parseField(const char*& p, const char* end, std::uint64_t& out) {
    const char* start = p;
    std::uint64_t v = 0;
    while (p < end && *p >= '0' && *p <= '9' && p - start < 20)
        v = v * 10 + static_cast<std::uint64_t>(*p++ - '0');
    if (p == start || p == end || *p != ':') return false;
    ++p;
    out = v;
    return true;
}

bool parseText(std::string_view t, unsigned& sender, std::uint64_t& index, std::int64_t& ns) {
    if (t.size() < 2 || t[0] != 'b') return false;
    const char* p = t.data() + 1;
    const char* end = t.data() + t.size();
    std::uint64_t s = 0, n = 0;
    if (!parseField(p, end, s) || !parseField(p, end, index) || !parseField(p, end, n)) return false;
    sender = static_cast<unsigned>(s);
    ns = static_cast<std::int64_t>(n);
    return s <= UINT32_MAX;
}

void Run::delivery(unsigned receiver, std::string_view text) {
    const std::int64_t now = m_arrivalNs;
    unsigned sender = 0;
    std::uint64_t index = 0;
    std::int64_t sentNs = 0;
    if (!parseText(text, sender, index, sentNs) || sender >= m_config.senders) return;
    if (receiver == sender) return; // imchat echoes to the sender; IRC does not: count others only
    const std::size_t pair = static_cast<std::size_t>(receiver) * m_config.senders + sender;
    auto& seen = m_received[pair];
    if (index < seen) {
        ++m_result.duplicated;
        return;
    }
    seen = static_cast<std::uint32_t>(index + 1);
    ++m_arrived[pair]; // a message skipped by a jump forward is never counted: it is lost at the end
    ++m_arrivedTotal;
    if (sentNs >= m_t0Ns && now <= m_t1Ns) {
        ++m_result.delivered;
        m_result.latency.add((now - sentNs) / 1000);
        if (!m_result.nodeLatency.empty()) {
            const std::size_t node = receiver % m_endpoints.size();
            ++m_result.nodeDelivered[node];
            m_result.nodeLatency[node].add((now - sentNs) / 1000);
        }
    }
    if (receiver == (sender + 1) % m_config.clients && m_inflight[sender] > 0) {
        --m_inflight[sender];
        if (m_sending && m_config.rate <= 0) {
            sendOne(sender);
            if (m_dirty.empty() || m_dirty.back() != sender) m_dirty.push_back(sender);
        }
    }
}

void Run::sendOne(unsigned sender) {
    m_text.clear();
    m_text += 'b';
    m_text += std::to_string(sender);
    m_text += ':';
    m_text += std::to_string(m_sentBy[sender]++);
    m_text += ':';
    m_text += std::to_string(nowNs());
    m_text += ':';
    if (m_text.size() < m_config.size) m_text.append(m_config.size - m_text.size(), 'x');
    m_driver->appendMessage(m_clients[sender]->outBuffer(), m_text);
    ++m_inflight[sender];
    ++m_result.sent;
}

void Run::connectNext() {
    // A bounded number of connects in flight: a thousand at once would overflow the listen backlog.
    if (m_nextToConnect == 0) m_connectStart = Clock::now();
    while (m_nextToConnect < m_config.clients &&
           m_nextToConnect < m_result.ready + m_connectFailures + m_config.joinWindow) {
        const unsigned i = m_nextToConnect++;
        m_clients[i]->start(m_endpoints[i % m_endpoints.size()]);
    }
}

void Run::startMeasuring() {
    m_servers.start();
    m_engines.start();
    m_t0 = Clock::now();
    m_t1 =
        m_t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(m_config.duration));
    m_t0Ns = nowNs();
    m_t1Ns = m_t0Ns + static_cast<std::int64_t>(m_config.duration * 1e9);
    m_sending = m_config.senders > 0;
    m_measuring = true;
    if (m_storm) {
        m_stormTimer.expires_after(
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(m_config.stormAt)));
        m_stormTimer.async_wait([this](const asio::error_code& ec) {
            if (!ec) m_storm->fire();
        });
    }
    if (m_sending && m_config.rate <= 0) {
        for (unsigned s = 0; s < m_config.senders; ++s) {
            for (unsigned w = 0; w < m_config.window; ++w) sendOne(s);
            m_clients[s]->flush();
        }
    }
    onTick();
}

void Run::onTick() {
    const auto now = Clock::now();
    if (m_sending && now >= m_t1) {
        m_sending = false;
        m_servers.stop(m_config.duration);
        m_engines.stop(m_config.duration);
        m_result.serverCpuPercent = m_servers.totalCpuPercent();
        m_result.serverRssKiB = m_servers.totalRssKiB();
        m_result.nodeCpuPercent = m_servers.cpuPercent();
        m_result.nodeRssKiB = m_servers.rssKiB();
        m_result.engineCpuPercent = m_engines.cpuPercent();
    }
    if (m_sending && m_config.rate > 0) {
        const double elapsed = std::chrono::duration<double>(now - m_t0).count();
        const auto due = static_cast<std::uint64_t>(elapsed * m_config.rate);
        std::uint64_t rr = m_result.sent;
        while (m_result.sent < due) sendOne(static_cast<unsigned>(rr++ % m_config.senders));
        for (unsigned s = 0; s < m_config.senders; ++s) m_clients[s]->flush();
    }
    // Keep-alives, so the server's idle timeout never fires on listeners.
    if (now - m_lastKeepAlive > std::chrono::seconds(2)) {
        m_lastKeepAlive = now;
        for (auto& c : m_clients) {
            m_driver->appendKeepAlive(c->outBuffer());
            c->flush();
        }
    }
    // After the measured window: wait until every copy of every message has arrived (a server may deliver
    // late, e.g. one that parses buffered lines only when more input comes), at most 5 s; the rest is lost.
    const std::uint64_t expected = m_result.sent * (m_config.clients - 1);
    if (!m_sending && now >= m_t1 && (m_arrivedTotal >= expected || now - m_t1 > std::chrono::seconds(5)))
        return finish();
    m_tick.expires_after(std::chrono::milliseconds(1));
    m_tick.async_wait([this](const asio::error_code& ec) {
        if (!ec) onTick();
    });
}

void Run::finish() {
    m_result.seconds = m_config.duration;
    if (m_storm) {
        m_result.stormSeconds = m_storm->seconds();
        m_result.stormRejoined = m_storm->rejoined();
    }
    if (m_config.senders == 0 && !m_servers.empty()) {
        m_servers.sampleResident();
        m_result.serverRssKiB = m_servers.totalRssKiB();
        m_result.nodeRssKiB = m_servers.rssKiB();
    }
    for (unsigned r = 0; r < m_config.clients; ++r) {
        if (!m_clients[r]->alive()) continue;
        for (unsigned s = 0; s < m_config.senders; ++s) {
            if (r == s) continue;
            const auto got = m_arrived[static_cast<std::size_t>(r) * m_config.senders + s];
            if (m_sentBy[s] > got) m_result.lost += m_sentBy[s] - got;
        }
    }
    m_io.stop();
}

LoadResult Run::go() {
    tcp::resolver resolver(m_io);
    for (std::uint16_t port :
         m_config.ports.empty() ? std::vector<std::uint16_t>{m_config.port} : m_config.ports)
        m_endpoints.push_back(*resolver.resolve(m_config.host, std::to_string(port)).begin());
    if (m_endpoints.size() > 1) {
        m_result.nodeDelivered.assign(m_endpoints.size(), 0);
        m_result.nodeLatency.resize(m_endpoints.size());
    }
    for (unsigned i = 0; i < m_config.clients; ++i) m_clients.push_back(std::make_unique<Client>(*this, i));
    m_wall.expires_after(
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(m_config.maxWall)));
    m_wall.async_wait([this](const asio::error_code& ec) {
        if (ec) return;
        m_result.timedOut = true;
        std::cerr << "imchat-bench: wall-clock cap reached (" << m_result.ready << "/" << m_config.clients
                  << " ready)\n";
        m_io.stop();
    });
    m_poller.start();
    if (m_config.storm > 0) {
        // The crowd joins (or registers) first; then the room's own clients connect and the run begins.
        m_storm = std::make_unique<Storm>(
            m_io, m_endpoints.front(),
            m_config.stormKind == "login" ? Storm::Kind::Login : Storm::Kind::Resume, m_config.storm);
        m_storm->prepare([this] { connectNext(); },
                         [this](const std::string& why) {
                             std::cerr << "imchat-bench: storm: " << why << "\n";
                             m_result.timedOut = true; // fails the run
                             m_io.stop();
                         });
    } else {
        connectNext();
    }
    m_io.run();
    return m_result;
}

} // namespace

LoadResult runLoad(const LoadConfig& config) {
    Run run(config);
    return run.go();
}

} // namespace bench

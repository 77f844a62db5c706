#include "storm.hpp"

#include <array>

#include <asio/connect.hpp>
#include <asio/post.hpp>
#include <asio/read.hpp>
#include <asio/ssl.hpp>
#include <asio/write.hpp>

#include "net/codec.hpp"
#include "net/tls_client_policy.hpp"

namespace bench {

using asio::ip::tcp;
using Stream = asio::ssl::stream<tcp::socket>;

namespace {

asio::ssl::context clientContext() {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    net::applyTlsClientPolicy(ctx.native_handle());
    return ctx;
}

asio::ssl::context& sharedContext() {
    static asio::ssl::context ctx = clientContext();
    return ctx;
}

constexpr const char* kPassword = "storm password 0123456789";
constexpr unsigned kPerAddress = 10; // registrations each source address may make at once

} // namespace

/// One member of the crowd: a TLS connection that joins, keeps reading (answering Pings, noting the last
/// seq), and on fire() drops and comes back.
class Storm::Member {
public:
    Member(Storm& storm, unsigned index) : m_storm(storm), m_index(index) {}

    void connect(bool afterFire) {
        m_afterFire = afterFire;
        ++m_gen;
        m_stream = std::make_shared<Stream>(m_storm.m_io, sharedContext());
        m_decoder = net::FrameDecoder();
        auto& socket = m_stream->next_layer();
        asio::error_code ec;
        socket.open(tcp::v4(), ec);
        if (m_storm.m_kind == Kind::Login) { // ten names per address: the registrations' throttle
            const auto source = asio::ip::make_address_v4(0x7f000002u + m_index / kPerAddress);
            socket.bind(tcp::endpoint(source, 0), ec);
        }
        if (ec) return m_storm.fail("bind: " + ec.message());
        const unsigned gen = m_gen;
        socket.async_connect(m_storm.m_server, [this, gen, s = m_stream](const asio::error_code& e) {
            if (gen != m_gen) return;
            if (e) return m_storm.fail("connect: " + e.message());
            s->async_handshake(Stream::client, [this, gen, s](const asio::error_code& e2) {
                if (gen != m_gen) return;
                if (e2) return m_storm.fail("TLS: " + e2.message());
                sendHello();
                read();
            });
        });
    }

    /// Drops the connection without a Bye, as a cable pulled out.
    void drop() {
        ++m_gen;
        asio::error_code ignored;
        m_stream->next_layer().close(ignored);
    }

private:
    void sendHello() {
        const std::string name = "s" + std::to_string(m_index);
        net::Hello hello{net::kProtocolVersion, name, m_lastSeq, 0, m_token};
        if (m_storm.m_kind == Kind::Login) {
            hello.auth = m_afterFire ? net::Auth::Password : net::Auth::Register;
            hello.secret = kPassword;
        }
        write(net::encode(hello));
    }

    void write(std::string bytes) {
        auto buffer = std::make_shared<std::string>(std::move(bytes));
        asio::async_write(*m_stream, asio::buffer(*buffer),
                          [buffer, s = m_stream](const asio::error_code&, std::size_t) {});
    }

    void read() {
        const unsigned gen = m_gen;
        m_stream->async_read_some(
            asio::buffer(m_buf), [this, gen, s = m_stream](const asio::error_code& e, std::size_t n) {
                if (gen != m_gen) return;
                if (e) return m_storm.fail("member " + std::to_string(m_index) + " read: " + e.message());
                m_decoder.feed({m_buf.data(), n});
                net::Message m;
                while (m_decoder.next(m) == net::DecodeStatus::Complete) handle(m);
                if (gen == m_gen) read();
            });
    }

    void handle(net::Message& m) {
        if (auto* w = std::get_if<net::Welcome>(&m)) m_token = w->resumeToken;
        else if (auto* c = std::get_if<net::Chat>(&m)) m_lastSeq = std::max(m_lastSeq, c->seq);
        else if (auto* l = std::get_if<net::Live>(&m)) {
            m_lastSeq = std::max(m_lastSeq, l->latestSeq);
            m_storm.memberJoined();
            if (m_storm.m_kind == Kind::Login && !m_afterFire) {
                write(net::encode(net::Bye{"registered"}));
                ++m_gen; // its work is done until the storm
            }
        } else if (auto* p = std::get_if<net::Ping>(&m)) write(net::encode(net::Pong{p->nonce}));
        else if (auto* e = std::get_if<net::Error>(&m))
            m_storm.fail("member " + std::to_string(m_index) + ": " + net::errorName(e->code));
    }

    Storm& m_storm;
    unsigned m_index;
    unsigned m_gen = 0; // completions of an older connection are ignored
    bool m_afterFire = false;
    std::shared_ptr<Stream> m_stream;
    net::FrameDecoder m_decoder;
    std::array<char, 65536> m_buf{};
    std::uint64_t m_lastSeq = 0;
    net::Token m_token{};
};

Storm::Storm(asio::io_context& notify, tcp::endpoint server, Kind kind, unsigned count)
    : m_notify(notify), m_server(server), m_kind(kind) {
    for (unsigned i = 0; i < count; ++i) m_members.push_back(std::make_unique<Member>(*this, i));
    m_thread = std::thread([this] { m_io.run(); });
}

Storm::~Storm() {
    m_io.stop();
    m_thread.join();
}

void Storm::fail(std::string why) {
    if (m_failed) asio::post(m_notify, [f = m_failed, why = std::move(why)] { f(why); });
}

void Storm::prepare(std::function<void()> done, std::function<void(std::string)> failed) {
    m_prepared = std::move(done);
    m_failed = std::move(failed);
    asio::post(m_io, [this] {
        // A bounded number at a time, as the room's own clients connect: the listen backlog is finite.
        for (; m_nextToPrepare < m_members.size() && m_nextToPrepare < 64; ++m_nextToPrepare)
            m_members[m_nextToPrepare]->connect(false);
    });
}

void Storm::memberJoined() {
    if (!m_fired) {
        ++m_joined;
        if (m_nextToPrepare < m_members.size()) m_members[m_nextToPrepare++]->connect(false);
        if (m_joined == m_members.size() && m_prepared) asio::post(m_notify, m_prepared);
        return;
    }
    m_rejoinedCount = ++m_rejoined;
    m_lastAt = std::chrono::steady_clock::now();
    if (m_rejoined == m_members.size())
        m_seconds = std::chrono::duration<double>(m_lastAt - m_firedAt).count();
}

void Storm::fire() {
    asio::post(m_io, [this] {
        m_fired = true;
        m_firedAt = std::chrono::steady_clock::now();
        if (m_kind == Kind::Resume)
            for (auto& m : m_members) m->drop();
        for (auto& m : m_members) m->connect(true);
    });
}

} // namespace bench

// The link is private and the server is who it was before: TLS 1.3 with the server's key pinned, through real
// servers, real net::Connections, and a relay on the path that keeps every byte it forwards.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>

#include "net/event_pump.hpp"
#include "observer_proxy.hpp"
#include "support/child_process.hpp"
#include "support/joined_client.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::ServerProcess;
using testnet::EventPump;

namespace {

net::ConnectionConfig config(std::uint16_t port, std::string name, std::string pinnedKey) {
    net::ConnectionConfig c;
    c.port = port;
    c.name = std::move(name);
    c.pinnedKey = std::move(pinnedKey);
    c.connectTimeout = 5s;
    c.backoffMin = 50ms;
    c.backoffMax = 400ms;
    return c;
}

unsigned mode(const std::filesystem::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

/// Which TLS version Python's ssl module gets from the server when it offers only `version` ("TLSv1_2"...):
/// the version it printed, or "" when the handshake failed.
std::string handshakeWith(std::uint16_t port, const std::string& version) {
    const std::string script = "import socket, ssl\n"
                               "c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
                               "c.check_hostname = False\n"
                               "c.verify_mode = ssl.CERT_NONE\n"
                               "c.minimum_version = c.maximum_version = ssl.TLSVersion." +
                               version + "\ns = c.wrap_socket(socket.create_connection(('127.0.0.1', " +
                               std::to_string(port) + "), timeout=5))\nprint(s.version())\n";
    const auto r = support::runToEnd({"python3", {"-c", script}}, 10s);
    return r.exitCode == 0 ? r.out.substr(0, r.out.find('\n')) : std::string();
}

} // namespace

TEST_CASE("an observer on the path reads no name, password or message over TLS, and everything without it") {
    const std::string name = "观察者alice";
    const std::string password = "tr0ub4dor and 3 horses";
    const std::string said = "public words 公开的话 4711";
    const std::string whispered = "private words 悄悄话 0815";

    // The control: the same conversation without TLS, so the observer is shown to see what passes.
    for (const bool tls : {true, false}) {
        CAPTURE(tls);
        ServerProcess server;
        security::ObserverProxy observer(server.port());
        JoinedClient bob(server.port(), "bob");
        auto cfg = config(observer.port(), name, tls ? server.fingerprint() : "");
        cfg.plaintext = !tls;
        cfg.auth = net::Auth::Register;
        cfg.secret = password;
        EventPump alice(cfg);
        const auto welcome = alice.waitFor<net::WelcomeEvent>(15s);
        REQUIRE(welcome);
        CHECK(welcome->encrypted == tls);
        CHECK(welcome->signedIn);
        alice.connection().say(said);
        alice.connection().whisper("bob", whispered);
        CHECK(bob.waitFor<net::Chat>(5s).value_or(net::Chat{}).text == said);
        CHECK(bob.waitFor<net::Private>(5s).value_or(net::Private{}).text == whispered);
        REQUIRE(alice.waitFor<net::Private>(5s)); // its echo: everything passed the observer both ways

        const std::string seen = observer.seen();
        CHECK(seen.size() > 400);
        for (const std::string& secret : {name, password, said, whispered, std::string("bob")})
            CHECK_MESSAGE(observer.saw(secret) == !tls, secret);
        if (tls) CHECK(seen.find("\x17\x03\x03") != std::string::npos); // TLS application data records
    }
}

TEST_CASE("a key other than the pinned one: nothing is sent, not even the name, and no retry until trusted") {
    ServerProcess server;
    JoinedClient witness(server.port(), "witness");
    security::ObserverProxy observer(server.port());
    const std::string wrong(64, 'e');
    EventPump alice(config(observer.port(), "alice-the-careful", wrong));
    const auto key = alice.waitFor<net::ServerKeyEvent>(10s);
    REQUIRE(key);
    CHECK(key->fingerprint == server.fingerprint());
    CHECK(key->pinned == wrong);
    const auto down = alice.waitFor<net::DisconnectedEvent>(5s);
    REQUIRE(down);
    CHECK(down->retryInMs < 0);
    CHECK_FALSE(witness.waitFor<net::Joined>(1s));
    REQUIRE(alice.waitFor<net::ConnectingEvent>(0ms));       // the first attempt's
    CHECK_FALSE(alice.waitFor<net::ConnectingEvent>(500ms)); // and no other: it waits for the user
    CHECK(observer.seen().size() < 4000); // a handshake, then the close: no frame of ours went out

    alice.connection().trust(server.fingerprint());
    REQUIRE(alice.waitFor<net::WelcomeEvent>(10s));
    REQUIRE(witness.waitFor<net::Joined>(5s));
}

TEST_CASE("a server that comes back with another key (a stolen address, a wiped disk) is not talked to") {
    const std::uint16_t port = [] {
        testnet::RawListener probe;
        return probe.port();
    }();
    ServerProcess server(ServerProcess::Options{.fixedPort = port});
    const std::string before = server.fingerprint();
    EventPump alice(config(port, "alice", before));
    REQUIRE(alice.waitFor<net::WelcomeEvent>(10s));

    server.kill9();
    const auto dir = std::filesystem::path(server.dataPath()).parent_path();
    std::filesystem::remove(dir / "tls-key.pem");
    std::filesystem::remove(dir / "tls-cert.pem");
    server.restart();
    const std::string after = server.fingerprint();
    CHECK(after != before);
    const auto key = alice.waitFor<net::ServerKeyEvent>(15s);
    REQUIRE(key);
    CHECK(key->pinned == before);
    CHECK(key->fingerprint == after);
    CHECK_FALSE(alice.waitFor<net::WelcomeEvent>(1s));
    CHECK(server.stdoutSoFar().find("alice") == std::string::npos); // the new server never heard the name
}

TEST_CASE("the key is made once, 0600 in a 0700 folder, kept across restarts, and --fingerprint prints it") {
    support::ScratchDir scratch("tls-key");
    const auto dir = scratch.path() / "made-by-the-server";
    ServerProcess server(ServerProcess::Options{.dataPath = (dir / "server.db").string()});
    CHECK(mode(dir) == 0700);
    CHECK(mode(dir / "tls-key.pem") == 0600);
    CHECK(mode(dir / "server.db") == 0600); // private messages and password hashes
    CHECK(mode(dir / "server.db-wal") == 0600);
    const std::string first = server.fingerprint();
    CHECK(first.size() == 64);
    server.restart();
    CHECK(server.fingerprint() == first);
    const auto printed = ServerProcess::run({"--data", server.dataPath(), "--fingerprint"});
    CHECK(printed.exitCode == 0);
    REQUIRE(printed.out.rfind("SHA256 ", 0) == 0); // "SHA256 xxxx xxxx ..."
    std::string digits;
    for (char c : printed.out.substr(7))
        if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
    CHECK(digits == first);
}

TEST_CASE("TLS 1.3 only: a client that offers at most TLS 1.2 gets no handshake") {
    ServerProcess server;
    CHECK(handshakeWith(server.port(), "TLSv1_3") == "TLSv1.3");
    CHECK(handshakeWith(server.port(), "TLSv1_2").empty());
    CHECK(server.pid() > 0); // and the server is still there
}

TEST_CASE(
    "without --allow-plaintext a plaintext Hello is answered with an error that says TLS, in plaintext") {
    ServerProcess server(ServerProcess::Options{.plaintext = false});
    support::TestClient old;
    old.connect(server.port());
    old.send(support::makeHello("old-client"));
    const auto refused = old.waitFor<net::Error>(5s);
    REQUIRE(refused);
    CHECK(refused->code == net::ErrorCode::BadVersion);
    CHECK(refused->fatal);
    CHECK(refused->text.find("TLS") != std::string::npos);
    CHECK(old.isClosedByPeer(5s));
    // TLS clients are served as ever.
    EventPump alice(config(server.port(), "alice", server.fingerprint()));
    CHECK(alice.waitFor<net::WelcomeEvent>(10s));
}

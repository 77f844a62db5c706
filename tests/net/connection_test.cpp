// net::Connection against the real imchat-server on 127.0.0.1: handshake, messages both ways, crash and
// restart with resume, refused names, heartbeat, how fast the destructor returns in every state, and failover
// along a list of servers.
#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <map>

#include "event_pump.hpp"
#include "net/codec.hpp"
#include "net/connection.hpp"
#include "raw_listener.hpp"
#include "support/closed_port.hpp"
#include "support/joined_client.hpp"
#include "support/numbered.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::closedPort;
using support::JoinedClient;
using support::ServerProcess;
using testnet::EventPump;
using testnet::RawListener;

namespace {

/// Short timers so failures show within a test's time budget. Plaintext: for the fake servers (RawListener),
/// which speak frames without TLS.
net::ConnectionConfig config(std::uint16_t port, std::string name) {
    net::ConnectionConfig c;
    c.port = port;
    c.plaintext = true;
    c.name = std::move(name);
    c.connectTimeout = 2s;
    c.pingInterval = 300ms;
    c.deadAfter = 3s;
    c.backoffMin = 50ms;
    c.backoffMax = 400ms;
    return c;
}

/// The same over TLS to the real server, its key pinned.
net::ConnectionConfig config(const ServerProcess& server, std::string name) {
    net::ConnectionConfig c = config(server.port(), std::move(name));
    c.plaintext = false;
    c.pinnedKey = server.fingerprint();
    return c;
}

/// "127.0.0.1:port", as events name a server.
std::string local(std::uint16_t port) { return support::numbered("127.0.0.1:", port); }

/// TLS to the real server, listed after a server that is down (the config's host:port).
net::ConnectionConfig downThen(const ServerProcess& server, std::string name) {
    net::ConnectionConfig c = config(server, std::move(name));
    c.setServers({{"127.0.0.1", closedPort()}, {"127.0.0.1", server.port()}});
    return c;
}

/// A second server of the same room as first: its own database, first's TLS key (as cluster nodes share one).
std::unique_ptr<ServerProcess> sameKeyAs(const ServerProcess& first) {
    const std::filesystem::path dir = std::filesystem::path(first.dataPath()).parent_path();
    return std::make_unique<ServerProcess>(std::vector<std::string>{
        "--tls-cert", (dir / "tls-cert.pem").string(), "--tls-key", (dir / "tls-key.pem").string()});
}

/// How long destroying the connection takes.
std::chrono::milliseconds destroyTime(std::unique_ptr<EventPump>& pump) {
    const auto start = std::chrono::steady_clock::now();
    pump.reset();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

/// Every public message the UI was shown, by seq, from WelcomeEvents and live Chat events.
std::map<std::uint64_t, std::string> chatsSeen(const EventPump& p, std::size_t& shown) {
    std::map<std::uint64_t, std::string> bySeq;
    shown = 0;
    for (const auto& e : p.events()) {
        if (const auto* w = std::get_if<net::WelcomeEvent>(&e))
            for (const auto& c : w->history) bySeq[c.seq] = c.text, ++shown;
        if (const auto* c = std::get_if<net::Chat>(&e)) bySeq[c->seq] = c->text, ++shown;
    }
    return bySeq;
}

} // namespace

TEST_CASE(
    "handshake: the WelcomeEvent names us, lists the users and carries the history, and wake is called") {
    ServerProcess server;
    JoinedClient bob(server.port(), "bob");
    bob.send(net::Say{1, "earlier"});
    REQUIRE(bob.waitFor<net::Chat>());

    auto alice = std::make_unique<EventPump>(config(server, "alice"));
    REQUIRE(alice->waitFor<net::ConnectingEvent>(2s));
    REQUIRE(alice->waitFor<net::ConnectedEvent>(2s));
    const auto welcome = alice->waitFor<net::WelcomeEvent>(5s);
    REQUIRE(welcome);
    CHECK(welcome->you == "alice");
    CHECK(welcome->ip == "127.0.0.1");
    CHECK_FALSE(welcome->resumed);
    CHECK(welcome->latestSeq == 1);
    CHECK(welcome->users == std::vector<std::string>{"alice", "bob"});
    REQUIRE(welcome->history.size() == 1);
    CHECK(welcome->history[0].text == "earlier");
    CHECK(welcome->history[0].name == "bob");
    CHECK(alice->wakeCalls() >= 3);

    const auto joined = bob.waitFor<net::Joined>();
    REQUIRE(joined);
    CHECK(joined->name == "alice");
}

TEST_CASE("say: the sender sees its own echo and another client receives it") {
    ServerProcess server;
    JoinedClient bob(server.port(), "bob");
    EventPump alice(config(server, "alice"));
    REQUIRE(alice.waitFor<net::WelcomeEvent>(5s));

    const std::uint64_t id = alice.connection().say("你好，世界");
    CHECK(id != 0);
    const auto echo = alice.waitFor<net::Chat>(5s, [&](const net::Chat& c) { return c.clientId == id; });
    REQUIRE(echo);
    CHECK(echo->name == "alice");
    CHECK(echo->text == "你好，世界");
    const auto got = bob.waitFor<net::Chat>();
    REQUIRE(got);
    CHECK(got->seq == echo->seq);
    CHECK(got->text == "你好，世界");
    CHECK(got->ip == "127.0.0.1");

    bob.send(net::Say{7, "hi alice"});
    const auto fromBob = alice.waitFor<net::Chat>(5s, [](const net::Chat& c) { return c.name == "bob"; });
    REQUIRE(fromBob);
    CHECK(fromBob->text == "hi alice");
}

TEST_CASE("whisper: only the two parties get the Private, history and users requests are answered") {
    ServerProcess server;
    JoinedClient bob(server.port(), "bob");
    EventPump alice(config(server, "alice"));
    REQUIRE(alice.waitFor<net::WelcomeEvent>(5s));
    JoinedClient carol(server.port(), "carol");

    const std::uint64_t id = alice.connection().whisper("bob", "psst");
    const auto echo =
        alice.waitFor<net::Private>(5s, [&](const net::Private& p) { return p.clientId == id; });
    REQUIRE(echo);
    CHECK(echo->from == "alice");
    CHECK(echo->to == "bob");
    CHECK(echo->flags == 0);
    const auto got = bob.waitFor<net::Private>();
    REQUIRE(got);
    CHECK(got->text == "psst");
    CHECK_FALSE(carol.waitFor<net::Private>(300ms));

    bob.send(net::Whisper{3, "alice", "back at you"});
    const auto reply = alice.waitFor<net::Private>(5s, [](const net::Private& p) { return p.from == "bob"; });
    REQUIRE(reply);
    CHECK(reply->text == "back at you");

    const std::uint64_t one = alice.connection().say("one");
    REQUIRE(alice.waitFor<net::Chat>(5s, [&](const net::Chat& c) { return c.clientId == one; }));
    alice.connection().requestHistory(0, 10);
    const auto page = alice.waitFor<net::HistoryPage>(5s);
    REQUIRE(page);
    REQUIRE(page->messages.size() == 1);
    CHECK(page->messages[0].text == "one");
    alice.connection().requestUsers();
    const auto users = alice.waitFor<net::Users>(5s);
    REQUIRE(users);
    CHECK(users->names == std::vector<std::string>{"alice", "bob", "carol"});
}

TEST_CASE(
    "server killed and restarted: reconnect, resume, offline messages delivered, no duplicate, no gap") {
    ServerProcess server;
    EventPump alice(config(server, "alice"));
    REQUIRE(alice.waitFor<net::WelcomeEvent>(5s));
    {
        JoinedClient bob(server.port(), "bob");
        for (std::uint64_t i = 1; i <= 3; ++i) {
            bob.send(net::Say{i, "bob " + std::to_string(i)});
            REQUIRE(bob.waitFor<net::Chat>());
        }
    }
    REQUIRE(alice.waitFor<net::Chat>(5s, [](const net::Chat& c) { return c.text == "bob 3"; }));
    const std::uint64_t before = alice.connection().say("alice before");
    REQUIRE(alice.waitFor<net::Chat>(5s, [&](const net::Chat& c) { return c.clientId == before; }));

    server.kill9();
    const auto down = alice.waitFor<net::DisconnectedEvent>(5s);
    REQUIRE(down);
    CHECK(down->retryInMs >= 0);
    // Typed while the server is down: kept in the outbox, sent after the reconnect.
    const std::uint64_t off1 = alice.connection().say("offline 1");
    const std::uint64_t off2 = alice.connection().say("offline 2");
    const std::uint64_t offW = alice.connection().whisper("carol", "offline whisper");
    CHECK((off1 != 0 && off2 != 0 && offW != 0));

    server.restart(true);
    // carol talks at once: alice must get it exactly once, in her replay or live, whichever comes first.
    JoinedClient carol(server.port(), "carol");
    carol.send(net::Say{1, "carol after restart"});
    REQUIRE(carol.waitFor<net::Chat>());

    const auto again = alice.waitFor<net::WelcomeEvent>(10s);
    REQUIRE(again);
    CHECK(again->resumed);
    REQUIRE(alice.waitFor<net::Chat>(5s, [&](const net::Chat& c) { return c.clientId == off2; }));
    REQUIRE(alice.waitFor<net::Private>(5s, [&](const net::Private& p) { return p.clientId == offW; }));
    alice.waitFor<net::Chat>(5s, [](const net::Chat& c) { return c.text == "carol after restart"; });
    alice.drain(300ms);

    std::size_t shown = 0;
    const auto seen = chatsSeen(alice, shown);
    CHECK(shown == seen.size()); // no seq shown twice
    REQUIRE(seen.size() == 7);
    std::uint64_t expectSeq = 1;
    for (const auto& [seq, text] : seen) CHECK(seq == expectSeq++); // no gap
    std::vector<std::string> texts;
    for (const auto& [seq, text] : seen) texts.push_back(text);
    // The server's own record, as a fresh client sees it, is exactly what alice was shown.
    JoinedClient dave(server.port(), "dave");
    const auto& record = dave.joined();
    REQUIRE(record.history.size() == seen.size());
    for (const auto& c : record.history) CHECK(seen.at(c.seq) == c.text);
    CHECK(std::count(texts.begin(), texts.end(), "offline 1") == 1);
    CHECK(std::count(texts.begin(), texts.end(), "carol after restart") == 1);
}

TEST_CASE("a taken name stops retrying until setName") {
    ServerProcess server;
    JoinedClient bob(server.port(), "bob");
    EventPump other(config(server, "BOB")); // names compare case-insensitively
    REQUIRE(other.waitFor<net::ConnectingEvent>(2s));
    const auto refused = other.waitFor<net::DisconnectedEvent>(5s);
    REQUIRE(refused);
    CHECK(refused->retryInMs == -1);
    CHECK(refused->code == net::ErrorCode::NameTaken);
    CHECK_FALSE(other.waitFor<net::ConnectingEvent>(500ms)); // backoffMin is 50 ms: it would have retried
    other.connection().setName("bobby");
    const auto welcome = other.waitFor<net::WelcomeEvent>(5s);
    REQUIRE(welcome);
    CHECK(welcome->you == "bobby");
}

TEST_CASE("a frozen server is noticed by the heartbeat and the client resumes once it runs again") {
    ServerProcess server;
    auto cfg = config(server, "alice");
    cfg.deadAfter = 1s;
    EventPump alice(cfg);
    REQUIRE(alice.waitFor<net::WelcomeEvent>(5s));
    const pid_t pid = server.pid();
    ::kill(pid, SIGSTOP);
    struct Resume {
        pid_t pid;
        ~Resume() { ::kill(pid, SIGCONT); }
    } resume{pid};
    const auto lost = alice.waitFor<net::DisconnectedEvent>(4s);
    REQUIRE(lost);
    CHECK(lost->retryInMs >= 0);
    ::kill(pid, SIGCONT);
    const auto back = alice.waitFor<net::WelcomeEvent>(10s);
    REQUIRE(back);
    CHECK(back->you == "alice"); // the resume token let it take its own ghost session over
}

TEST_CASE("a full outbox refuses synchronously, invalid text is refused with an Error event") {
    RawListener closed; // bound and listening, then closed: connects are refused
    const std::uint16_t port = closed.port();
    closed.close();
    auto cfg = config(port, "alice");
    cfg.maxOutbox = 2;
    cfg.backoffMin = 5s;
    EventPump alice(cfg);
    REQUIRE(alice.waitFor<net::DisconnectedEvent>(3s));
    CHECK(alice.connection().say("one") != 0);
    const std::uint64_t blank = alice.connection().say("   ");
    CHECK(blank != 0);
    const auto error = alice.waitFor<net::Error>(2s);
    REQUIRE(error);
    CHECK(error->code == net::ErrorCode::EmptyText);
    CHECK(error->clientId == blank);
    CHECK(alice.connection().say("two") != 0); // the refused one freed its slot
    CHECK(alice.connection().say("three") == 0);
}

TEST_CASE(
    "the destructor returns within 100 ms: connected (after a Bye), mid-backoff, mid-handshake, mid-connect") {
    SUBCASE("connected") {
        ServerProcess server;
        JoinedClient bob(server.port(), "bob");
        auto alice = std::make_unique<EventPump>(config(server, "alice"));
        REQUIRE(alice->waitFor<net::WelcomeEvent>(5s));
        REQUIRE(bob.waitFor<net::Joined>());
        CHECK(destroyTime(alice) < 100ms);
        const auto left = bob.waitFor<net::Left>();
        REQUIRE(left);
        CHECK(left->reason == net::LeaveReason::Bye);
    }
    SUBCASE("mid-backoff") {
        RawListener closed;
        const std::uint16_t port = closed.port();
        closed.close();
        auto cfg = config(port, "alice");
        cfg.backoffMin = 5s;
        auto alice = std::make_unique<EventPump>(cfg);
        const auto down = alice->waitFor<net::DisconnectedEvent>(3s);
        REQUIRE(down);
        CHECK(down->retryInMs >= 2500);
        CHECK(destroyTime(alice) < 100ms);
    }
    SUBCASE("mid-handshake: the peer accepts and never answers") {
        RawListener silent;
        auto alice = std::make_unique<EventPump>(config(silent.port(), "alice"));
        REQUIRE(alice->waitFor<net::ConnectedEvent>(2s));
        std::this_thread::sleep_for(50ms);
        CHECK(destroyTime(alice) < 100ms);
    }
    SUBCASE("mid-connect: the listener's backlog is full, so the SYN goes unanswered") {
        RawListener full(0);
        full.fillBacklog(2);
        auto cfg = config(full.port(), "alice");
        cfg.connectTimeout = 10s;
        auto alice = std::make_unique<EventPump>(cfg);
        REQUIRE(alice->waitFor<net::ConnectingEvent>(2s));
        CHECK_FALSE(alice->waitFor<net::ConnectedEvent>(200ms));
        CHECK(destroyTime(alice) < 100ms);
    }
}

TEST_CASE("a misbehaving server: garbage bytes and a frame cut off mid-way end the link, and it retries") {
    RawListener fake;
    EventPump alice(config(fake.port(), "alice"));
    const int first = fake.acceptOne(3s);
    REQUIRE(first >= 0);
    const char garbage[] = "\xFF\xFF\xFF\xFFHTTP/1.1 200 OK\r\n\r\n";
    CHECK(::write(first, garbage, sizeof garbage - 1) > 0);
    const auto bad = alice.waitFor<net::DisconnectedEvent>(3s);
    REQUIRE(bad);
    CHECK(bad->retryInMs >= 0);
    CHECK(bad->reason.find("frame-too-large") != std::string::npos);
    ::close(first);

    const int second = fake.acceptOne(3s); // the automatic reconnect
    REQUIRE(second >= 0);
    const std::string welcome = net::encode(net::Welcome{});
    CHECK(::write(second, welcome.data(), welcome.size() / 2) > 0);
    ::close(second);
    const auto cut = alice.waitFor<net::DisconnectedEvent>(3s);
    REQUIRE(cut);
    CHECK(cut->retryInMs >= 0);
    CHECK_FALSE(alice.waitFor<net::WelcomeEvent>(100ms));
}

TEST_CASE("a burst of messages crosses both threads in order, none lost, none refused by flood control") {
    SUBCASE("paced by the client under the server's default rate limit") {
        ServerProcess server;
        EventPump alice(config(server, "alice"));
        REQUIRE(alice.waitFor<net::WelcomeEvent>(5s));
        std::vector<std::uint64_t> ids;
        for (int i = 0; i < 45; ++i) ids.push_back(alice.connection().say("burst " + std::to_string(i)));
        for (const auto id : ids)
            REQUIRE(alice.waitFor<net::Chat>(10s, [&](const net::Chat& c) { return c.clientId == id; }));
        alice.drain(100ms);
        for (const auto& e : alice.events()) CHECK_FALSE(std::holds_alternative<net::Error>(e));
    }
    SUBCASE("unpaced, against a server with a generous limit") {
        ServerProcess server(std::vector<std::string>{"--rate", "100000", "--burst", "100000"});
        JoinedClient bob(server.port(), "bob");
        auto cfg = config(server, "alice");
        cfg.sendRate = 1e6;
        cfg.sendBurst = 1000;
        EventPump alice(cfg);
        REQUIRE(alice.waitFor<net::WelcomeEvent>(5s));
        constexpr int kCount = 500;
        std::vector<std::uint64_t> ids;
        for (int i = 0; i < kCount; ++i) ids.push_back(alice.connection().say(std::to_string(i)));
        std::uint64_t lastSeq = 0;
        for (int i = 0; i < kCount; ++i) {
            const auto echo =
                alice.waitFor<net::Chat>(10s, [&](const net::Chat& c) { return c.clientId == ids[i]; });
            REQUIRE(echo);
            CHECK(echo->seq > lastSeq); // sent, stored and echoed in the order typed
            lastSeq = echo->seq;
            const auto got = bob.waitFor<net::Chat>();
            REQUIRE(got);
            CHECK(got->text == std::to_string(i));
        }
    }
}

TEST_CASE("failover: a list whose first server is down connects to the second at once") {
    ServerProcess server;
    auto cfg = downThen(server, "alice");
    const std::uint16_t down = cfg.port;
    cfg.backoffMin = cfg.backoffMax = 5s; // a backoff wait would show as a Welcome later than 5 s
    EventPump alice(cfg);
    const auto first = alice.waitFor<net::ConnectingEvent>(2s);
    REQUIRE(first);
    CHECK(first->endpoint == local(down));
    const auto refused = alice.waitFor<net::DisconnectedEvent>(2s);
    REQUIRE(refused);
    CHECK(refused->cause == net::DisconnectCause::Refused);
    CHECK(refused->reason.find(local(down)) != std::string::npos);
    CHECK(refused->retryInMs == 0);
    const auto second = alice.waitFor<net::ConnectingEvent>(2s);
    REQUIRE(second);
    CHECK(second->endpoint == local(server.port()));
    CHECK(second->attempt == 2);
    const auto connected = alice.waitFor<net::ConnectedEvent>(2s);
    REQUIRE(connected);
    CHECK(connected->endpoint == local(server.port()));
    const auto welcome = alice.waitFor<net::WelcomeEvent>(3s);
    REQUIRE(welcome);
    CHECK(welcome->you == "alice");
    CHECK(welcome->encrypted); // the one pinned key held for the second server too
}

TEST_CASE("failover: round robin, the next server at once, the backoff once every server failed in a row") {
    RawListener silent; // accepts, never answers: no Welcome in time
    const std::uint16_t down = closedPort();
    auto cfg = config(silent.port(), "alice");
    cfg.alternates = {{"127.0.0.1", down}};
    cfg.connectTimeout = 300ms;
    cfg.backoffMin = cfg.backoffMax = 400ms;
    EventPump alice(cfg);
    const std::vector<std::string> expected{local(silent.port()), local(down), local(silent.port()),
                                            local(down)};
    std::vector<std::string> tried;
    std::vector<net::DisconnectedEvent> failures;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto connecting = alice.waitFor<net::ConnectingEvent>(3s);
        REQUIRE(connecting);
        tried.push_back(connecting->endpoint);
        const auto failed = alice.waitFor<net::DisconnectedEvent>(3s);
        REQUIRE(failed);
        failures.push_back(*failed);
    }
    CHECK(tried == expected);
    CHECK(failures[0].cause == net::DisconnectCause::NoWelcome);
    CHECK(failures[0].reason == "no Welcome from " + local(silent.port()) + " in time");
    CHECK(failures[0].retryInMs == 0); // the other server at once
    CHECK(failures[1].cause == net::DisconnectCause::Refused);
    CHECK(failures[1].retryInMs >= 200); // both failed in a row: the backoff (jittered in [d/2, d])
    CHECK(failures[2].retryInMs >= 200);
    CHECK(failures[3].retryInMs >= 200);
}

TEST_CASE(
    "failover: a node that shows another key than the pinned one stops with a ServerKeyEvent naming it") {
    ServerProcess server;
    auto cfg = downThen(server, "alice");
    const std::uint16_t down = cfg.port;
    cfg.pinnedKey = std::string(64, 'e');
    EventPump alice(cfg);
    const auto key = alice.waitFor<net::ServerKeyEvent>(5s);
    REQUIRE(key);
    CHECK(key->endpoint == local(server.port()));
    CHECK(key->fingerprint == server.fingerprint());
    CHECK(key->pinned == cfg.pinnedKey);
    const auto stopped =
        alice.waitFor<net::DisconnectedEvent>(2s, [](const auto& d) { return d.retryInMs < 0; });
    REQUIRE(stopped);
    CHECK(stopped->cause == net::DisconnectCause::KeyChanged);
    CHECK_FALSE(alice.waitFor<net::ConnectingEvent>(
        500ms, [&](const net::ConnectingEvent& c) { return c.endpoint == local(down) && c.attempt > 1; }));
}

TEST_CASE("failover: the first server killed while connected, the connection resumes on the second with its "
          "outbox") {
    ServerProcess first;
    const auto second = sameKeyAs(first);
    REQUIRE(second->fingerprint() == first.fingerprint());
    JoinedClient bob(second->port(), "bob");
    auto cfg = config(first, "alice");
    cfg.alternates = {{"127.0.0.1", second->port()}};
    cfg.backoffMin = cfg.backoffMax = 5s; // a backoff wait would show as a Welcome later than 5 s
    EventPump alice(cfg);
    const auto toFirst = alice.waitFor<net::ConnectingEvent>(2s);
    REQUIRE(toFirst);
    CHECK(toFirst->endpoint == local(first.port()));
    const auto onFirst = alice.waitFor<net::ConnectedEvent>(5s);
    REQUIRE(onFirst);
    CHECK(onFirst->endpoint == local(first.port()));
    REQUIRE(alice.waitFor<net::WelcomeEvent>(5s));
    const std::uint64_t before = alice.connection().say("before the crash");
    REQUIRE(alice.waitFor<net::Chat>(5s, [&](const net::Chat& c) { return c.clientId == before; }));

    first.kill9();
    const auto lost = alice.waitFor<net::DisconnectedEvent>(5s);
    REQUIRE(lost);
    CHECK(lost->retryInMs == 0);
    // Typed while the link is down: kept in the outbox and sent to the second server once joined there.
    const std::uint64_t during = alice.connection().say("during the failover");
    const auto connecting = alice.waitFor<net::ConnectingEvent>(2s);
    REQUIRE(connecting);
    CHECK(connecting->endpoint == local(second->port()));
    const auto connected = alice.waitFor<net::ConnectedEvent>(2s);
    REQUIRE(connected);
    CHECK(connected->endpoint == local(second->port()));
    const auto welcome = alice.waitFor<net::WelcomeEvent>(3s);
    REQUIRE(welcome);
    CHECK(welcome->you == "alice");
    REQUIRE(alice.waitFor<net::Chat>(5s, [&](const net::Chat& c) { return c.clientId == during; }));
    const auto got = bob.waitFor<net::Chat>();
    REQUIRE(got);
    CHECK(got->text == "during the failover");
    CHECK_FALSE(bob.waitFor<net::Chat>(300ms)); // sent once
    alice.drain(200ms);
    for (const auto& e : alice.events()) CHECK_FALSE(std::holds_alternative<net::Error>(e));
}

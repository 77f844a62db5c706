// Joining and leaving: the join sequence, the Live point, notices and head-counts, names.
#include <doctest/doctest.h>

#include <thread>

#include "support/joined_client.hpp"
#include "support/numbered.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

using support::makeHello;

TEST_CASE("join sequence: Welcome, history oldest first, Live, then Users") {
    ServerProcess server;
    JoinedClient alice(server.port(), "alice");
    const auto& first = alice.joined();
    CHECK(first.welcome.name == "alice");
    CHECK(first.welcome.ip == "127.0.0.1");
    CHECK(first.welcome.latestSeq == 0);
    CHECK(first.history.empty());
    CHECK(first.live.replayed == 0);
    CHECK(first.users.names == std::vector<std::string>{"alice"});

    for (int i = 1; i <= 5; ++i) {
        alice.send(net::Say{static_cast<std::uint64_t>(i), "message " + std::to_string(i)});
        const auto echo = alice.expect<net::Chat>();
        CHECK(echo.seq == static_cast<std::uint64_t>(i));
        CHECK(echo.clientId == static_cast<std::uint64_t>(i));
        CHECK(echo.name == "alice");
        CHECK(echo.ip == "127.0.0.1");
    }

    JoinedClient bob(server.port(), "bob");
    const auto& j = bob.joined();
    CHECK(j.welcome.latestSeq == 5);
    REQUIRE(j.history.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(j.history[i].seq == i + 1);
        CHECK(j.history[i].text == "message " + std::to_string(i + 1));
    }
    CHECK(j.live.latestSeq == 5);
    CHECK(j.live.replayed == 5);
    CHECK(j.users.names == std::vector<std::string>{"alice", "bob"});

    // Resuming from a known seq replays only what is newer.
    JoinedClient carol(server.port(), makeHello("carol", 3));
    const auto& k = carol.joined();
    REQUIRE(k.history.size() == 2);
    CHECK(k.history[0].seq == 4);
    CHECK(k.live.replayed == 2);
}

TEST_CASE("history on join is limited by --history") {
    ServerProcess server(std::vector<std::string>{"--history", "3"});
    JoinedClient alice(server.port(), "alice");
    for (int i = 1; i <= 6; ++i) {
        alice.send(net::Say{0, support::numbered("m", static_cast<std::uint64_t>(i))});
        alice.expect<net::Chat>();
    }
    JoinedClient bob(server.port(), "bob");
    const auto& j = bob.joined();
    REQUIRE(j.history.size() == 3);
    CHECK(j.history.front().text == "m4");
    CHECK(j.history.back().text == "m6");
}

TEST_CASE("broadcast reaches everyone including the sender, after Joined notices with counts") {
    ServerProcess server;
    JoinedClient a(server.port(), "a");
    JoinedClient b(server.port(), "b");
    const auto joinedB = a.expect<net::Joined>();
    CHECK(joinedB.name == "b");
    CHECK(joinedB.online == 2);
    JoinedClient c(server.port(), "c");
    CHECK(a.expect<net::Joined>().online == 3);
    CHECK(b.expect<net::Joined>().online == 3);

    b.send(net::Say{42, "hello room"});
    for (TestClient* t : {&a, &b, &c}) {
        const auto chat = t->expect<net::Chat>();
        CHECK(chat.text == "hello room");
        CHECK(chat.name == "b");
        CHECK(chat.clientId == 42);
    }
}

TEST_CASE("leave notices: clean Bye, abrupt close, heartbeat timeout") {
    ServerProcess server(std::vector<std::string>{"--heartbeat-ms", "100"});
    JoinedClient watcher(server.port(), "watcher");

    // The watcher must keep pinging: 3 x 100 ms of silence would time it out too.
    auto waitLeft = [&](const std::string& name) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (std::chrono::steady_clock::now() < deadline) {
            watcher.send(net::Ping{7});
            auto m = watcher.receive(std::chrono::milliseconds(50));
            if (!m) continue;
            if (auto* l = std::get_if<net::Left>(&*m); l && l->name == name) return *l;
        }
        throw std::runtime_error("no Left for " + name);
    };

    {
        JoinedClient a(server.port(), "polite");
        a.send(net::Bye{"see you"});
        CHECK(a.isClosedByPeer(std::chrono::seconds(2)));
        const auto left = waitLeft("polite");
        CHECK(left.reason == net::LeaveReason::Bye);
        CHECK(left.online == 1);
    }
    {
        JoinedClient b(server.port(), "abrupt");
        b.close();
        const auto left = waitLeft("abrupt");
        CHECK(left.reason == net::LeaveReason::ConnectionLost);
        CHECK(left.online == 1);
    }
    {
        JoinedClient c(server.port(), "silent");
        CHECK(c.joined().welcome.heartbeatMs == 100);
        const auto left = waitLeft("silent"); // c sends nothing more
        CHECK(left.reason == net::LeaveReason::Timeout);
        CHECK(left.online == 1);
        const auto err = c.waitFor<net::Error>(std::chrono::seconds(2));
        REQUIRE(err);
        CHECK(err->code == net::ErrorCode::Timeout);
        CHECK(err->fatal);
        CHECK(c.isClosedByPeer(std::chrono::seconds(2)));
    }
}

TEST_CASE("names are unique case-insensitively, and NameTaken allows a retry") {
    ServerProcess server;
    JoinedClient a(server.port(), "Alice");
    TestClient b;
    b.connect(server.port());
    b.send(makeHello("aLICE"));
    const auto err = b.expect<net::Error>();
    CHECK(err.code == net::ErrorCode::NameTaken);
    CHECK_FALSE(err.fatal);
    const auto j = b.join("alice2");
    CHECK(j.welcome.name == "alice2");
    CHECK(j.users.names == std::vector<std::string>{"Alice", "alice2"});
}

TEST_CASE("invalid names are refused without closing") {
    ServerProcess server;
    TestClient a;
    a.connect(server.port());
    for (std::string bad : {std::string(""), std::string("tab\there"), std::string("nul\0x", 5),
                            std::string(" lead"), std::string(65, 'x')}) {
        a.send(makeHello(bad));
        const auto err = a.expect<net::Error>();
        CHECK(err.code == net::ErrorCode::InvalidName);
        CHECK_FALSE(err.fatal);
    }
    CHECK(a.join("fine").welcome.name == "fine");
}

TEST_CASE("takeover: the resume token from Welcome replaces the ghost without Left/Joined") {
    ServerProcess server;
    JoinedClient watcher(server.port(), "watcher");
    JoinedClient first(server.port(), "zoe");
    const auto& j1 = first.joined();
    watcher.expect<net::Joined>();

    // Without the token the name is taken.
    TestClient intruder;
    intruder.connect(server.port());
    intruder.send(makeHello("zoe"));
    CHECK(intruder.expect<net::Error>().code == net::ErrorCode::NameTaken);

    // With it, the new connection takes over; the old one gets Replaced and is closed.
    JoinedClient second(server.port(), makeHello("Zoe", 0, 0, j1.welcome.resumeToken));
    const auto& j2 = second.joined();
    CHECK(j2.welcome.name == "Zoe");
    CHECK(j2.welcome.resumeToken != j1.welcome.resumeToken);
    CHECK(j2.users.names.size() == 2);
    const auto replaced = first.expect<net::Error>();
    CHECK(replaced.code == net::ErrorCode::Replaced);
    CHECK(replaced.fatal);
    CHECK(first.isClosedByPeer(std::chrono::seconds(2)));

    // The watcher saw neither a Left nor a Joined: the next thing it gets is the new session's message.
    second.send(net::Say{1, "still me"});
    const auto chat = watcher.expect<net::Chat>();
    CHECK(chat.name == "Zoe");
    CHECK(chat.text == "still me");
}

TEST_CASE("a lost connection is announced only after the grace time, and a resume within it is silent") {
    using namespace std::chrono_literals;
    ServerProcess server(ServerProcess::Options{.presenceGraceMs = 1500});
    JoinedClient watcher(server.port(), "watcher");
    JoinedClient alice(server.port(), "alice");
    watcher.expect<net::Joined>();
    const net::Token token = alice.joined().welcome.resumeToken;

    alice.close(); // the cable is pulled: no Bye
    watcher.send(net::Say{1, "while alice is away"});
    watcher.send(net::Whisper{2, "alice", "for when you are back"});
    const auto said = watcher.expect<net::Chat>();
    const auto whispered = watcher.expect<net::Private>();
    CHECK_FALSE(watcher.waitFor<net::Left>(700ms)); // still in the room, for now

    JoinedClient back(server.port(), makeHello("alice", said.seq - 1, whispered.seq - 1, token));
    REQUIRE(back.joined().history.size() == 1);
    CHECK(back.joined().history[0].text == "while alice is away");
    REQUIRE(back.joined().privates.size() == 1);
    CHECK(back.joined().privates[0].text == "for when you are back");
    // The watcher saw neither a Left nor a Joined, even after the grace time.
    back.send(net::Say{3, "I am back"});
    const auto next = watcher.waitFor<net::Chat>(5s);
    REQUIRE(next);
    CHECK(next->text == "I am back");
    std::this_thread::sleep_for(1s);
    back.send(net::Say{4, "still here"});
    CHECK(watcher.expect<net::Chat>().text == "still here");

    // Lost again, and not back: announced once the grace time is over.
    back.close();
    const auto lostAt = std::chrono::steady_clock::now();
    const auto left = watcher.waitFor<net::Left>(5s);
    REQUIRE(left);
    CHECK(left->name == "alice");
    CHECK(left->reason == net::LeaveReason::ConnectionLost);
    CHECK(left->online == 1);
    CHECK(std::chrono::steady_clock::now() - lostAt >= 1400ms);
}

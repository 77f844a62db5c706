// Privacy and identity: private messages reach their two parties only; a client cannot forge who it is,
// when it spoke or where from, and cannot take over another user's online name.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

#include "crowd.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using reliability::Crowd;
using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {

std::uint64_t wallMs() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

} // namespace

TEST_CASE(
    "10000 private messages among 50 clients: each reaches its sender and recipient once, nobody else ever") {
    constexpr std::size_t kClients = 50;
    constexpr std::uint64_t kMessages = 10000;
    ServerProcess server(
        std::vector<std::string>{"--rate", "100000", "--burst", "100000", "--max-per-ip", "100"});
    Crowd crowd(server.port(), kClients, "p");
    crowd.drain(100ms, 5s);

    // Who sends message k to whom: a fixed pseudo-random plan, self-addressed ones included.
    std::mt19937 rng(8);
    std::vector<std::pair<std::size_t, std::size_t>> plan(kMessages);
    std::size_t expected = 0;
    for (auto& [from, to] : plan) {
        from = rng() % kClients, to = rng() % kClients;
        expected += from == to ? 1 : 2; // a whisper to oneself is delivered once
    }

    std::map<std::size_t, std::multiset<std::uint64_t>> got; // client -> message numbers it received
    std::size_t received = 0;
    auto onMessage = [&](std::size_t who, net::Message& m) {
        auto* p = std::get_if<net::Private>(&m);
        if (!p) return;
        REQUIRE(p->clientId >= 1);
        REQUIRE(p->clientId <= kMessages);
        const auto [from, to] = plan[p->clientId - 1];
        // The privacy property itself: a third party never gets it.
        REQUIRE_MESSAGE((who == from || who == to), crowd.name(who) << " received " << support::describe(m));
        CHECK(p->from == crowd.name(from)); // stamped by the server, from the connection that sent it
        CHECK(p->to == crowd.name(to));
        CHECK(p->fromIp == "127.0.0.1");
        CHECK(p->text == "secret #" + std::to_string(p->clientId));
        got[who].insert(p->clientId);
        ++received;
    };

    for (std::uint64_t k = 1; k <= kMessages; ++k) {
        const auto [from, to] = plan[k - 1];
        crowd[from].send(net::Whisper{k, crowd.name(to), "secret #" + std::to_string(k)});
        if (k % 100 == 0) crowd.pump(0ms, onMessage); // keep reading so no socket fills up
    }
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (received < expected && std::chrono::steady_clock::now() < deadline) crowd.pump(100ms, onMessage);
    crowd.drain(300ms, 2s, onMessage); // anything extra (a copy to a third party, a duplicate) shows up here

    CHECK(received == expected);
    for (std::uint64_t k = 1; k <= kMessages; ++k) {
        const auto [from, to] = plan[k - 1];
        CHECK(got[from].count(k) == 1);
        CHECK(got[to].count(k) == 1);
    }
}

TEST_CASE(
    "a client cannot forge messages, names, times or addresses: server-to-client types are refused, nothing is relayed") {
    ServerProcess server;
    JoinedClient alice(server.port(), "alice");
    JoinedClient mallory(server.port(), "mallory");
    CHECK(alice.expect<net::Joined>().name == "mallory");

    net::Token token{};
    token.fill(7);
    const std::vector<net::Message> forgeries = {
        net::Chat{999, 1, "alice", "6.6.6.6", 5, "forged chat"},
        net::Private{999, 1, "alice", "6.6.6.6", "mallory", 5, 0, "forged private"},
        net::Welcome{net::kProtocolVersion, "alice", "6.6.6.6", token, 999, 4096, 5000},
        net::Joined{1, "ghost", "6.6.6.6", 99},
        net::Left{1, "alice", net::LeaveReason::Kicked, 1},
        net::Users{{"alice", "ghost"}},
        net::HistoryPage{0, false, {net::Chat{1, 1, "alice", "6.6.6.6", 1, "forged page"}}},
        net::Live{999, 0},
        net::Error{net::ErrorCode::Replaced, true, 0, "forged error"},
    };
    for (const auto& m : forgeries) {
        CAPTURE(support::describe(m));
        mallory.send(m);
        const auto e = mallory.expect<net::Error>();
        CHECK(e.code == net::ErrorCode::UnknownType);
        CHECK_FALSE(e.fatal);
    }

    // What mallory really says is stamped with mallory's own name, address and the server's clock; and it is
    // the first thing alice gets after the Joined: none of the forgeries was relayed.
    const std::uint64_t before = wallMs();
    mallory.send(net::Say{1, "hi, it's alice"});
    const auto chat = alice.expect<net::Chat>();
    const std::uint64_t after = wallMs();
    CHECK(chat.name == "mallory");
    CHECK(chat.ip == "127.0.0.1");
    CHECK(chat.text == "hi, it's alice");
    CHECK(chat.timeMs >= before);
    CHECK(chat.timeMs <= after);
    mallory.send(net::Whisper{2, "alice", "psst"});
    const auto p = alice.expect<net::Private>();
    CHECK(p.from == "mallory");
    CHECK(p.fromIp == "127.0.0.1");
    CHECK(p.timeMs >= before);
}

TEST_CASE("a second connection cannot take over an online name without its current resume token") {
    ServerProcess server;
    JoinedClient alice(server.port(), "alice");
    const auto& first = alice.joined();
    // alice reconnects properly (a takeover with her token): the first token is now stale.
    JoinedClient alice2(server.port(), support::makeHello("alice", 0, 0, first.welcome.resumeToken));
    const auto& second = alice2.joined();
    CHECK(alice.isClosedByPeer(2s));

    net::Token guessed{};
    guessed.fill(0x5A);
    const std::vector<std::pair<const char*, net::Hello>> attempts = {
        {"no token", support::makeHello("alice")},
        {"case variant, no token", support::makeHello("ALICE")},
        {"a guessed token", support::makeHello("alice", 0, 0, guessed)},
        {"the stale token of her previous session",
         support::makeHello("Alice", 0, 0, first.welcome.resumeToken)},
    };
    for (const auto& attempt : attempts) { // not a structured binding: clang 14 cannot capture one in INFO
        const char* what = attempt.first;
        const net::Hello& hello = attempt.second;
        INFO(what);
        TestClient intruder;
        intruder.connect(server.port());
        intruder.send(hello);
        const auto e = intruder.expect<net::Error>();
        CHECK(e.code == net::ErrorCode::NameTaken);
        CHECK_FALSE(e.fatal);
    }
    // alice2 was never disturbed: no eviction, no Left/Joined, still the one named alice.
    alice2.send(net::UsersRequest{});
    CHECK(alice2.expect<net::Users>().names == std::vector<std::string>{"alice"});
    CHECK(second.welcome.resumeToken != first.welcome.resumeToken);
}

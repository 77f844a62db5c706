// Private messages: only the recipient and the sender ever see them; offline ones wait in the mailbox.
#include <doctest/doctest.h>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {
const std::vector<std::string> kFast = {"--rate", "100000", "--burst", "100000"};
}

TEST_CASE("private messages never reach a third client") {
    ServerProcess server(kFast);
    JoinedClient alice(server.port(), "alice");
    JoinedClient bob(server.port(), "bob");
    JoinedClient eve(server.port(), "eve");
    alice.expect<net::Joined>();
    alice.expect<net::Joined>();
    bob.expect<net::Joined>();

    constexpr int kEach = 150;
    for (int i = 0; i < kEach; ++i) {
        alice.send(net::Whisper{static_cast<std::uint64_t>(i + 1), "BOB", "a->b " + std::to_string(i)});
        bob.send(net::Whisper{static_cast<std::uint64_t>(i + 1), "alice", "b->a " + std::to_string(i)});
    }
    // A public marker after all privates: when eve sees it, every private was already routed.
    alice.send(net::Say{999, "marker"});

    auto collect = [](TestClient& c, int privates) {
        std::vector<net::Private> got;
        bool marker = false;
        while (static_cast<int>(got.size()) < privates || !marker) {
            auto m = c.receive(std::chrono::seconds(5));
            REQUIRE(m);
            if (auto* p = std::get_if<net::Private>(&*m)) got.push_back(*p);
            if (auto* ch = std::get_if<net::Chat>(&*m)) marker = marker || ch->text == "marker";
        }
        return got;
    };
    const auto atAlice = collect(alice, 2 * kEach); // her echoes and bob's messages
    const auto atBob = collect(bob, 2 * kEach);
    for (const auto& p : atBob) {
        CHECK(p.flags == 0);
        CHECK((p.from == "alice" || p.from == "bob"));
        CHECK(p.to == (p.from == "alice" ? "bob" : "alice")); // the online name, not the typed "BOB"
    }
    CHECK(atAlice.size() == 2 * kEach);

    // eve: the marker and nothing private, ever.
    bool marker = false;
    while (!marker) {
        auto m = eve.receive(std::chrono::seconds(5));
        REQUIRE(m);
        CHECK_MESSAGE(!std::holds_alternative<net::Private>(*m), support::describe(*m));
        if (auto* ch = std::get_if<net::Chat>(&*m)) marker = ch->text == "marker";
    }
    CHECK_FALSE(eve.receive(std::chrono::milliseconds(200)).has_value());
}

TEST_CASE("whisper to oneself is delivered once, and bad recipient and bad text are refused") {
    ServerProcess server;
    JoinedClient a(server.port(), "solo");
    a.send(net::Whisper{5, "SOLO", "note to self"});
    const auto p = a.expect<net::Private>();
    CHECK(p.clientId == 5);
    CHECK(p.flags == 0);
    a.send(net::Whisper{6, "bad\nname", "x"});
    auto e = a.expect<net::Error>();
    CHECK(e.code == net::ErrorCode::InvalidRecipient);
    CHECK(e.clientId == 6);
    a.send(net::Whisper{7, "solo", "   "});
    e = a.expect<net::Error>();
    CHECK(e.code == net::ErrorCode::EmptyText);
    CHECK(e.clientId == 7);
    // Nothing else was queued (no second copy of the self-whisper).
    a.send(net::Ping{1});
    CHECK(a.expect<net::Pong>().nonce == 1);
}

TEST_CASE("offline private messages wait in the mailbox and arrive, with private history, on connect") {
    ServerProcess server(kFast);
    JoinedClient alice(server.port(), "alice");
    for (int i = 0; i < 3; ++i) {
        alice.send(net::Whisper{static_cast<std::uint64_t>(10 + i), "Carol",
                                "while you were out " + std::to_string(i)});
        const auto echo = alice.expect<net::Private>();
        CHECK(echo.flags == net::kPrivateStored);
        CHECK(echo.to == "Carol");
    }
    alice.send(net::Whisper{20, "dave", "not for carol"});
    alice.expect<net::Private>();

    JoinedClient carol(server.port(), "carol");
    const auto& j = carol.joined();
    REQUIRE(j.privates.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(j.privates[i].text == "while you were out " + std::to_string(i));
        CHECK(j.privates[i].from == "alice");
        CHECK(j.privates[i].flags == (net::kPrivateStored | net::kPrivateReplay));
    }
    CHECK(j.privates[0].seq < j.privates[1].seq);

    // A reconnect that already holds them gets none again; the sender sees its own private history too.
    carol.close();
    JoinedClient carol2(server.port(), support::makeHello("carol", 0, j.privates.back().seq));
    CHECK(carol2.joined().privates.empty());
    alice.close();
    JoinedClient alice2(server.port(), "alice");
    CHECK(alice2.joined().privates.size() == 4);
}

TEST_CASE("mailbox survives a kill -9") {
    ServerProcess server;
    {
        JoinedClient a(server.port(), "sender");
        a.send(net::Whisper{1, "later", "durable secret"});
        CHECK(a.expect<net::Private>().flags == net::kPrivateStored);
    }
    server.kill9();
    server.restart();
    JoinedClient b(server.port(), "later");
    REQUIRE(b.joined().privates.size() == 1);
    CHECK(b.joined().privates[0].text == "durable secret");
}

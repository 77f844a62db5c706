// Private messages: only the recipient and the sender ever see them; offline ones wait in the mailbox.
#include <doctest/doctest.h>

#include <thread>

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

TEST_CASE("offline private messages wait in a registered name's mailbox and arrive on its owner's login") {
    ServerProcess server(kFast);
    { JoinedClient carol(server.port(), support::registerHello("carol", "carol's password")); }
    JoinedClient alice(server.port(), "alice");
    for (int i = 0; i < 3; ++i) {
        alice.send(net::Whisper{static_cast<std::uint64_t>(10 + i), "Carol",
                                "while you were out " + std::to_string(i)});
        const auto echo = alice.expect<net::Private>();
        CHECK(echo.flags == net::kPrivateStored);
        CHECK(echo.to == "Carol");
    }
    // dave never registered: nothing is kept for whoever takes his name next.
    alice.send(net::Whisper{20, "dave", "not for carol"});
    const auto refused = alice.expect<net::Error>();
    CHECK(refused.code == net::ErrorCode::RecipientOffline);
    CHECK(refused.clientId == 20);
    CHECK_FALSE(refused.fatal);

    JoinedClient carol(server.port(), support::loginHello("carol", "carol's password"));
    const auto& j = carol.joined();
    CHECK(j.welcome.signedIn);
    REQUIRE(j.privates.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(j.privates[i].text == "while you were out " + std::to_string(i));
        CHECK(j.privates[i].from == "alice");
        CHECK(j.privates[i].flags == (net::kPrivateStored | net::kPrivateReplay));
    }
    CHECK(j.privates[0].seq < j.privates[1].seq);

    // A reconnect that already holds them gets none again.
    carol.close();
    net::Hello again = support::loginHello("carol", "carol's password");
    again.lastPrivateSeq = j.privates.back().seq;
    JoinedClient carol2(server.port(), again);
    CHECK(carol2.joined().privates.empty());

    // The guest alice sees her own private history again only when she proves she is the one who left: the
    // token of her last session. Anyone else taking the name "alice" sees none of it.
    const net::Token aliceToken = alice.joined().welcome.resumeToken;
    alice.close();
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // her leave reaches the server first
    {
        JoinedClient stranger(server.port(), "alice");
        CHECK(stranger.joined().privates.empty());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    JoinedClient alice2(server.port(), support::makeHello("alice", 0, 0, aliceToken));
    CHECK(alice2.joined().privates.empty()); // the stranger's departure replaced hers: one return per token
}

TEST_CASE("a guest back with its last session's token has its private history replayed") {
    ServerProcess server(kFast);
    JoinedClient bob(server.port(), "bob");
    JoinedClient alice(server.port(), "alice");
    bob.expect<net::Joined>();
    alice.send(net::Whisper{1, "bob", "hello bob"});
    alice.expect<net::Private>();
    bob.expect<net::Private>();
    const net::Token token = alice.joined().welcome.resumeToken;
    alice.close();
    bob.expect<net::Left>();
    JoinedClient back(server.port(), support::makeHello("alice", 0, 0, token));
    REQUIRE(back.joined().privates.size() == 1);
    CHECK(back.joined().privates[0].text == "hello bob");
}

TEST_CASE("mailbox survives a kill -9") {
    ServerProcess server;
    { JoinedClient later(server.port(), support::registerHello("later", "a long passphrase")); }
    {
        JoinedClient a(server.port(), "sender");
        a.send(net::Whisper{1, "later", "durable secret"});
        CHECK(a.expect<net::Private>().flags == net::kPrivateStored);
    }
    server.kill9();
    server.restart();
    JoinedClient b(server.port(), support::loginHello("later", "a long passphrase"));
    REQUIRE(b.joined().privates.size() == 1);
    CHECK(b.joined().privates[0].text == "durable secret");
}

// Registered names belong to whoever holds the password (or a device token it gave): claiming one without
// it gets nothing of its owner's, guessing is throttled, a password change revokes every token. Through the
// real server, its SQLite file and Argon2id, with the tests' plaintext protocol client.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {

/// Joins as name with password and remember me; the device token that follows the join.
std::string tokenFor(std::uint16_t port, const std::string& name, const std::string& password) {
    JoinedClient c(port, support::loginHello(name, password, true));
    REQUIRE(c.joined().welcome.signedIn);
    const auto token = c.waitFor<net::DeviceToken>(10s);
    REQUIRE(token);
    return token->token;
}

} // namespace

TEST_CASE("a registered name claimed without its password is refused and sees nothing of its owner's") {
    ServerProcess server;
    {
        JoinedClient carol(server.port(), support::registerHello("carol", "carol's password"));
        CHECK(carol.joined().welcome.signedIn);
    }
    JoinedClient alice(server.port(), "alice");
    alice.send(net::Whisper{1, "carol", "the door code is 2468"});
    CHECK(alice.expect<net::Private>().flags == net::kPrivateStored);

    CHECK(support::refusedHello(server.port(), support::makeHello("carol")).code ==
          net::ErrorCode::AuthRequired);
    CHECK(support::refusedHello(server.port(), support::makeHello("CAROL")).code ==
          net::ErrorCode::AuthRequired);
    CHECK(support::refusedHello(server.port(), support::makeHello("ｃａｒｏｌ")).code ==
          net::ErrorCode::AuthRequired);
    CHECK(support::refusedHello(server.port(), support::loginHello("carol", "carol's passwore")).code ==
          net::ErrorCode::BadCredentials);
    CHECK(support::refusedHello(server.port(), support::tokenHello("carol", std::string(43, 'A'))).code ==
          net::ErrorCode::BadCredentials);
    CHECK(support::refusedHello(server.port(), support::registerHello("carol", "mine now, mine")).code ==
          net::ErrorCode::AlreadyRegistered);

    JoinedClient carol(server.port(), support::loginHello("carol", "carol's password"));
    REQUIRE(carol.joined().privates.size() == 1);
    CHECK(carol.joined().privates[0].text == "the door code is 2468");
}

TEST_CASE(
    "1000 wrong passwords from one address: a handful are checked, the rest throttled, the room chats on") {
    ServerProcess server;
    { JoinedClient victim(server.port(), support::registerHello("victim", "the real password")); }
    const std::string token = tokenFor(server.port(), "victim", "the real password");
    JoinedClient a(server.port(), "a");
    JoinedClient b(server.port(), "b");
    a.expect<net::Joined>();

    int checked = 0, throttled = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 1000; ++i) {
        const net::Error e =
            support::refusedHello(server.port(), support::loginHello("victim", "guess " + std::to_string(i)));
        if (e.code == net::ErrorCode::BadCredentials) ++checked;
        else if (e.code == net::ErrorCode::LoginThrottled) ++throttled;
        else FAIL("unexpected error " << net::errorName(e.code));
        if (i % 100 == 0) { // the room keeps working while it goes on
            a.send(net::Say{static_cast<std::uint64_t>(i + 1), "still here"});
            CHECK(b.waitFor<net::Chat>(5s).has_value());
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO("checked " << checked << ", throttled " << throttled << " in " << seconds << " s");
    // The address's burst of 10 (its registration spent one: accounts are not made by the thousand either),
    // plus one per 6 s of the test's own duration.
    CHECK(checked >= 9);
    CHECK(checked <= 9 + 1 + static_cast<int>(seconds / 6));
    CHECK(throttled == 1000 - checked);
    // While throttled, the right password is not even checked: a guesser learns nothing from timing...
    CHECK(support::refusedHello(server.port(), support::loginHello("victim", "the real password")).code ==
          net::ErrorCode::LoginThrottled);
    // ...but the owner's remembered device is let in: a token is not guessable, so it is not throttled.
    JoinedClient owner(server.port(), support::tokenHello("victim", token));
    CHECK(owner.joined().welcome.signedIn);
}

TEST_CASE("registering: too short a password, a name already registered, and the server's account policy") {
    SUBCASE("optional (the default)") {
        ServerProcess server;
        CHECK(support::refusedHello(server.port(), support::registerHello("dan", "short")).code ==
              net::ErrorCode::WeakPassword);
        JoinedClient guest(server.port(), "erin"); // a guest name is fine
        CHECK_FALSE(guest.joined().welcome.signedIn);
        CHECK(guest.joined().welcome.accounts == net::AccountPolicy::Optional);
        guest.send(net::Register{7, "erin's new password", true});
        const auto update = guest.waitFor<net::AccountUpdate>(10s);
        REQUIRE(update);
        CHECK(update->clientId == 7);
        CHECK(update->change == net::AccountChange::Registered);
        CHECK(guest.waitFor<net::DeviceToken>(5s).has_value());
        guest.send(net::Register{8, "another password", false});
        const auto again = guest.waitFor<net::Error>(5s);
        REQUIRE(again);
        CHECK(again->code == net::ErrorCode::AlreadyRegistered);
        CHECK(again->clientId == 8);
        CHECK_FALSE(again->fatal);
    }
    SUBCASE("required: guests are turned away, accounts are made") {
        ServerProcess server(std::vector<std::string>{"--accounts", "required"});
        CHECK(support::refusedHello(server.port(), support::makeHello("guest")).code ==
              net::ErrorCode::RegistrationRequired);
        JoinedClient member(server.port(), support::registerHello("member", "member's password"));
        CHECK(member.joined().welcome.accounts == net::AccountPolicy::Required);
    }
    SUBCASE("off: every name is a guest's, those registered before too, and no account can be made") {
        ServerProcess before;
        {
            JoinedClient owner(before.port(), support::registerHello("olga", "olga's password"));
            JoinedClient friend_(before.port(), "friend");
            friend_.send(net::Whisper{1, "olga", "for olga's eyes"});
            REQUIRE(owner.waitFor<net::Private>(5s));
        }
        before.terminate();
        ServerProcess server(
            ServerProcess::Options{.dataPath = before.dataPath(), .extraArgs = {"--accounts", "off"}});
        CHECK(support::refusedHello(server.port(), support::registerHello("x", "x's long password")).code ==
              net::ErrorCode::AccountsDisabled);
        CHECK(support::refusedHello(server.port(), support::loginHello("olga", "olga's password")).code ==
              net::ErrorCode::AccountsDisabled);
        JoinedClient guest(server.port(), "olga"); // a guest now, who reads none of olga's private history
        CHECK(guest.joined().welcome.accounts == net::AccountPolicy::Off);
        CHECK_FALSE(guest.joined().welcome.signedIn);
        CHECK(guest.joined().privates.empty());
    }
}

TEST_CASE("a password change revokes every device token, and the new password works after a restart") {
    ServerProcess server;
    { JoinedClient f(server.port(), support::registerHello("frank", "frank's first password")); }
    const std::string laptop = tokenFor(server.port(), "frank", "frank's first password");
    const std::string phone = tokenFor(server.port(), "frank", "frank's first password");
    CHECK(laptop != phone);
    {
        JoinedClient frank(server.port(), support::tokenHello("frank", phone));
        frank.send(net::ChangePassword{3, "wrong old password", "frank's second password", false});
        const auto wrong = frank.waitFor<net::Error>(10s);
        REQUIRE(wrong);
        CHECK(wrong->code == net::ErrorCode::BadCredentials);
        CHECK(wrong->clientId == 3);
        frank.send(net::ChangePassword{4, "frank's first password", "frank's second password", false});
        const auto changed = frank.waitFor<net::AccountUpdate>(10s);
        REQUIRE(changed);
        CHECK(changed->change == net::AccountChange::PasswordChanged);
    }
    CHECK(support::refusedHello(server.port(), support::tokenHello("frank", laptop)).code ==
          net::ErrorCode::BadCredentials);
    CHECK(support::refusedHello(server.port(), support::tokenHello("frank", phone)).code ==
          net::ErrorCode::BadCredentials);
    server.kill9();
    server.restart();
    CHECK(support::refusedHello(server.port(), support::loginHello("frank", "frank's first password")).code ==
          net::ErrorCode::BadCredentials);
    JoinedClient frank(server.port(), support::loginHello("frank", "frank's second password"));
    CHECK(frank.joined().welcome.signedIn);
}

TEST_CASE("the owner signing in takes the name over from its own other session, a guest never can") {
    ServerProcess server;
    // Nor can someone register a name a guest is using: that would take it from them.
    JoinedClient nina(server.port(), "nina");
    CHECK(
        support::refusedHello(server.port(), support::registerHello("ＮＩＮＡ", "stolen in passing")).code ==
        net::ErrorCode::NameTaken);
    nina.send(net::Say{1, "still mine"});
    CHECK(nina.waitFor<net::Chat>(5s).has_value());

    JoinedClient home(server.port(), support::registerHello("gina", "gina's password"));
    CHECK(support::refusedHello(server.port(), support::makeHello("gina")).code ==
          net::ErrorCode::AuthRequired);
    JoinedClient work(server.port(), support::loginHello("gina", "gina's password"));
    CHECK(work.joined().welcome.signedIn);
    const auto replaced = home.waitFor<net::Error>(5s);
    REQUIRE(replaced);
    CHECK(replaced->code == net::ErrorCode::Replaced);
    CHECK(home.isClosedByPeer(5s));
}

TEST_CASE("a name being registered cannot be taken by a guest while its password is hashed") {
    ServerProcess server;
    // Registrations from other addresses first: the hasher works one at a time, so zoe's waits behind them.
    std::vector<TestClient> ahead(6);
    for (std::size_t i = 0; i < ahead.size(); ++i) {
        ahead[i].connectFrom("127.0.0." + std::to_string(20 + i), server.port());
        ahead[i].send(support::registerHello("early" + std::to_string(i), "a long enough password"));
    }
    TestClient zoe;
    zoe.connectFrom("127.0.0.30", server.port());
    zoe.send(support::registerHello("zoe", "zoe's own password"));
    // Zoe's Hello is read first (the server is idle but for the hasher's thread), well before six Argon2id
    // hashes are done; a guest asking for the name meanwhile is refused...
    std::this_thread::sleep_for(100ms);
    TestClient guest;
    guest.connectFrom("127.0.0.31", server.port());
    guest.send(support::makeHello("Zoe"));
    CHECK(guest.expect<net::Error>(10s).code == net::ErrorCode::NameTaken);
    // ...and zoe comes in signed in: nobody else spoke or read as zoe in between.
    const auto welcome = zoe.waitFor<net::Welcome>(20s);
    REQUIRE(welcome);
    CHECK(welcome->signedIn);
    CHECK(welcome->name == "zoe");
    for (auto& c : ahead) CHECK(c.waitFor<net::Welcome>(20s).has_value());
    // Once the registration is answered the hold is gone: a registration that fails frees the name too.
    TestClient weak;
    weak.connectFrom("127.0.0.32", server.port());
    weak.send(support::registerHello("yan", "short"));
    CHECK(weak.expect<net::Error>(10s).code == net::ErrorCode::WeakPassword);
    JoinedClient yan(server.port(), "yan");
    CHECK_FALSE(yan.joined().welcome.signedIn);
}

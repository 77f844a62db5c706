// Registered names across the nodes of a cluster room: an account made on one node is the same account on
// every node (its password, its device tokens, its mailbox), a password change or an operator's request on
// one node holds on all, and a guest's name on one node cannot be registered from another.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <thread>

#include "join_when_free.hpp"
#include "nats_server.hpp"
#include "support/joined_client.hpp"
#include "support/operator_request.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;

namespace {

support::ServerProcess node(const clustertest::NatsServer& nats) {
    return support::ServerProcess(
        support::ServerProcess::Options{.extraArgs = {"--cluster", nats.url(), "--cluster-replicas", "1"}});
}

/// The error refusing hello on port, once it is `expected` (each node learns of another's change within
/// milliseconds, as the bucket's watch delivers it): tried for up to 5 s.
net::ErrorCode refusalBecomes(std::uint16_t port, const net::Hello& hello, net::ErrorCode expected) {
    net::ErrorCode code = net::ErrorCode::None;
    for (int attempt = 0; attempt < 50; ++attempt) {
        try {
            code = support::refusedHello(port, hello).code;
        } catch (const std::exception&) {
            code = net::ErrorCode::None; // joined: not yet
        }
        if (code == expected) break;
        std::this_thread::sleep_for(100ms);
    }
    return code;
}

/// The device token sent after a join that asked for one.
std::string deviceToken(JoinedClient& c) {
    const auto token = c.waitFor<net::DeviceToken>(10s);
    REQUIRE(token);
    return token->token;
}

struct TwoNodes {
    clustertest::NatsServer nats;
    support::ServerProcess a = node(nats);
    support::ServerProcess b = node(nats);
};

} // namespace

TEST_CASE_FIXTURE(TwoNodes, "cluster: a name registered on one node is registered on every node, with its "
                            "password, its device token and its mailbox") {
    std::string token;
    {
        JoinedClient carol(a.port(), support::registerHello("carol", "carol's password", true));
        REQUIRE(carol.joined().welcome.signedIn);
        token = deviceToken(carol);
    }
    CHECK(refusalBecomes(b.port(), support::makeHello("carol"), net::ErrorCode::AuthRequired) ==
          net::ErrorCode::AuthRequired);
    CHECK(support::refusedHello(b.port(), support::makeHello("ＣＡＲＯＬ")).code ==
          net::ErrorCode::AuthRequired);
    CHECK(support::refusedHello(b.port(), support::registerHello("carol", "mine now, mine")).code ==
          net::ErrorCode::AlreadyRegistered);
    CHECK(support::refusedHello(b.port(), support::loginHello("carol", "carol's passwore")).code ==
          net::ErrorCode::BadCredentials);

    // Mail to carol, offline, written on a: stored, and read on b, where she comes back with her device.
    {
        JoinedClient alice(a.port(), "alice");
        alice.send(net::Whisper{1, "carol", "门禁密码是 2468"});
        CHECK(alice.expect<net::Private>().flags == net::kPrivateStored);
    }
    std::string newToken;
    {
        JoinedClient carol(b.port(), support::tokenHello("carol", token));
        CHECK(carol.joined().welcome.signedIn);
        REQUIRE(carol.joined().privates.size() == 1);
        CHECK(carol.joined().privates[0].text == "门禁密码是 2468");
        // A password changed on b revokes the device tokens on a too.
        carol.send(net::ChangePassword{3, "carol's password", "carol's new password", true});
        const auto update = carol.waitFor<net::AccountUpdate>(10s);
        REQUIRE(update);
        CHECK(update->change == net::AccountChange::PasswordChanged);
        newToken = deviceToken(carol);
    }
    CHECK(refusalBecomes(a.port(), support::tokenHello("carol", token), net::ErrorCode::BadCredentials) ==
          net::ErrorCode::BadCredentials);
    CHECK(support::refusedHello(a.port(), support::loginHello("carol", "carol's password")).code ==
          net::ErrorCode::BadCredentials);
    JoinedClient carol(a.port(), support::tokenHello("carol", newToken)); // the token of the new password
    CHECK(carol.joined().welcome.signedIn);
}

TEST_CASE_FIXTURE(TwoNodes,
                  "cluster: the operator's reset on one node signs out the name's session on another, "
                  "and a release frees the name on every node") {
    { JoinedClient henry(a.port(), support::registerHello("henry", "henry's password")); }
    JoinedClient bob(b.port(), "bob");
    JoinedClient henry(b.port(), support::loginHello("henry", "henry's password"));
    REQUIRE(henry.joined().welcome.signedIn);
    // (bob may first hear that henry's session on a left: b's list can hold it for the moment the release
    // takes to reach b.)
    REQUIRE(bob.waitFor<net::Joined>(5s));

    const auto reset = support::operatorRuns(a, {"--reset-password", "henry"}, "henry's new password\n");
    CHECK(reset.exitCode == 0);
    const auto out = henry.waitFor<net::Error>(10s);
    REQUIRE(out);
    CHECK(out->code == net::ErrorCode::SignedOut);
    CHECK(bob.waitFor<net::Left>(5s).value_or(net::Left{}).name == "henry");
    CHECK(refusalBecomes(b.port(), support::loginHello("henry", "henry's password"),
                         net::ErrorCode::BadCredentials) == net::ErrorCode::BadCredentials);
    { JoinedClient again(b.port(), support::loginHello("henry", "henry's new password")); }

    const auto released = support::operatorRuns(a, {"--release-name", "henry"});
    CHECK(released.exitCode == 0);
    // A guest may take the name on b now, and reads nothing of henry's.
    auto guest = clustertest::joinWhenFree(b.port(), support::makeHello("henry"));
    REQUIRE(guest);
    CHECK_FALSE(guest->joined().welcome.signedIn);
    CHECK(guest->joined().privates.empty());
}

TEST_CASE_FIXTURE(TwoNodes, "cluster: a guest's name on one node cannot be registered from another, and the "
                            "guest registers it itself") {
    JoinedClient dave(a.port(), "dave");
    CHECK(support::refusedHello(b.port(), support::registerHello("dave", "not dave's password")).code ==
          net::ErrorCode::NameTaken);
    CHECK(support::refusedHello(b.port(), support::registerHello("DAVE", "not dave's password")).code ==
          net::ErrorCode::NameTaken);
    // The refused registration left the name as it was: dave is still a guest, and may register it.
    dave.send(net::Register{5, "dave's own password", false});
    const auto update = dave.waitFor<net::AccountUpdate>(10s);
    REQUIRE(update);
    CHECK(update->change == net::AccountChange::Registered);
    CHECK(refusalBecomes(b.port(), support::makeHello("dave"), net::ErrorCode::AuthRequired) ==
          net::ErrorCode::AuthRequired); // registered on b too
}

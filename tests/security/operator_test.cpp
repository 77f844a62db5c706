// The operator acts on a live server through its control socket (imchat-server --list-names,
// --reset-password, --release-name on the same --data): nothing stops, no message is lost, and only the
// server's own user may do it.
#include <doctest/doctest.h>

#include <string>
#include <sys/stat.h>

#include "support/child_process.hpp"
#include "support/joined_client.hpp"
#include "support/operator_request.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::operatorRuns;
using support::ServerProcess;
using support::TestClient;

TEST_CASE(
    "the operator resets a password on a live server: session ended, tokens revoked, the room goes on") {
    ServerProcess server;
    JoinedClient henry(server.port(), support::registerHello("henry", "henry's old password", true));
    const auto token = henry.waitFor<net::DeviceToken>(10s);
    REQUIRE(token);
    JoinedClient a(server.port(), "a");
    JoinedClient b(server.port(), "b");
    a.send(net::Say{1, "before the reset"});
    REQUIRE(b.waitFor<net::Chat>(5s));

    const auto listed = operatorRuns(server, {"--list-names"});
    CHECK(listed.exitCode == 0);
    CHECK(listed.out.rfind("henry\t20", 0) == 0); // name, then when it was registered

    const auto reset = operatorRuns(server, {"--reset-password", "HENRY"}, "henry's new password\n");
    INFO("stderr: " << reset.err);
    CHECK(reset.exitCode == 0);
    const auto out = henry.waitFor<net::Error>(5s);
    REQUIRE(out);
    CHECK(out->code == net::ErrorCode::SignedOut);
    CHECK(out->fatal);
    CHECK(henry.isClosedByPeer(5s));
    const auto left = a.waitFor<net::Left>(5s);
    REQUIRE(left);
    CHECK(left->name == "henry");

    // Nothing stopped: the room still carries messages, and every one sent before is still there.
    a.send(net::Say{2, "after the reset"});
    CHECK(b.waitFor<net::Chat>(5s).value_or(net::Chat{}).text == "after the reset");
    CHECK(support::refusedHello(server.port(), support::tokenHello("henry", token->token)).code ==
          net::ErrorCode::BadCredentials);
    CHECK(support::refusedHello(server.port(), support::loginHello("henry", "henry's old password")).code ==
          net::ErrorCode::BadCredentials);
    JoinedClient back(server.port(), support::loginHello("henry", "henry's new password"));
    CHECK(back.joined().welcome.signedIn);
    CHECK(back.joined().history.size() == 2);
    CHECK(server.stdoutSoFar().find("operator: reset the password of \"henry\"") != std::string::npos);
}

TEST_CASE("the operator releases a name: its owner is signed out, a guest may take it and reads nothing") {
    ServerProcess server;
    JoinedClient ivy(server.port(), support::registerHello("ivy", "ivy's password"));
    JoinedClient jack(server.port(), "jack");
    jack.send(net::Whisper{1, "ivy", "for ivy only"});
    REQUIRE(ivy.waitFor<net::Private>(5s));

    const auto released = operatorRuns(server, {"--release-name", "ivy"});
    CHECK(released.exitCode == 0);
    CHECK(ivy.waitFor<net::Error>(5s).value_or(net::Error{}).code == net::ErrorCode::SignedOut);
    CHECK(operatorRuns(server, {"--list-names"}).out.empty());

    JoinedClient newcomer(server.port(), "ivy"); // a guest now: the name is free
    CHECK_FALSE(newcomer.joined().welcome.signedIn);
    CHECK(newcomer.joined().privates.empty()); // the earlier ivy's private history stays hers
}

TEST_CASE("operator requests that cannot be done say why, and with no server running exit 5") {
    ServerProcess server;
    const auto unknown = operatorRuns(server, {"--release-name", "nobody"});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.find("no registered name nobody") != std::string::npos);
    { JoinedClient kim(server.port(), support::registerHello("kim", "kim's password")); }
    const auto weak = operatorRuns(server, {"--reset-password", "kim"}, "short\n");
    CHECK(weak.exitCode == 1);
    CHECK(weak.err.find("8 characters") != std::string::npos);
    CHECK(operatorRuns(server, {"--list-names", "--release-name", "kim"}).exitCode == 1); // one at a time

    // The socket is the server's user's alone.
    const auto socket = std::filesystem::path(server.dataPath() + "-control");
    struct stat st {};
    REQUIRE(::stat(socket.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    server.terminate();
    CHECK_FALSE(std::filesystem::exists(socket)); // removed on a clean stop
    const auto none = operatorRuns(server, {"--list-names"});
    CHECK(none.exitCode == 5);
    CHECK(none.err.find("no server is running") != std::string::npos);
}

TEST_CASE("a server killed with -9 leaves its control socket behind, and the next start takes it over") {
    ServerProcess server;
    server.kill9();
    const auto socket = std::filesystem::path(server.dataPath() + "-control");
    CHECK(std::filesystem::exists(socket));
    server.restart();
    CHECK(operatorRuns(server, {"--list-names"}).exitCode == 0);
}

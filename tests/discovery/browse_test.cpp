// net::RoomBrowser, what the window lists rooms with, against real servers announcing through a real Avahi
// daemon on the private LAN of in_private_lan.sh: a room appears with everything its record says, follows its
// head-count, and is forgotten when its server stops.
#include <doctest/doctest.h>

#include <string>

#include "discovery/watched_browser.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;

TEST_CASE("browse: a room appears with its name, address, TLS, fingerprint and head-count, follows its "
          "head-count, and is forgotten when its server stops") {
    support::WatchedBrowser watch;
    support::ServerProcess server(
        support::ServerProcess::Options{.extraArgs = {"--bind", "0.0.0.0", "--room-name", "实验室 402"}});
    const auto room = watch.waitFor(server.port(), 2s, [](const auto&) { return true; });
    REQUIRE(room);
    CHECK(watch.browser().daemonRunning());
    CHECK(room->name == "实验室 402");
    CHECK(room->address == "10.77.0.1");
    CHECK(room->version == 2);
    CHECK(room->tls);
    CHECK(room->plaintextToo);
    CHECK(room->fingerprint.size() == 64);
    CHECK(server.stdoutSoFar().find(room->fingerprint.substr(0, 4)) != std::string::npos);
    CHECK(room->online == 0u);

    support::JoinedClient alice(server.port(), "alice");
    support::JoinedClient bob(server.port(), "bob");
    CHECK(watch.waitFor(server.port(), 5s, [](const auto& r) { return r.online == 2u; }));

    REQUIRE(server.terminate() == 0);
    CHECK(watch.goneWithin(server.port(), 5s));
}

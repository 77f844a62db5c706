// A room on a LAN without IPv4 (no DHCP: two laptops joined by a cable), run by in_private_lan.sh with
// IMCHAT_LAN_FAMILY=ipv6. Its only address is link-local, which holds on one interface only: the list gives
// it with that interface ("fe80::…%imchat0"), and the window's connection joins through it over TLS.
#include <doctest/doctest.h>

#include <string>

#include "discovery/watched_browser.hpp"
#include "net/endpoint.hpp"
#include "net/event_pump.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;

TEST_CASE("browse, a LAN without IPv4: the room's link-local address names its interface, and the "
          "window's connection joins through it") {
    support::WatchedBrowser watch;
    support::ServerProcess server(
        support::ServerProcess::Options{.extraArgs = {"--bind", "::", "--room-name", "二楼 IPv6"}});
    const auto room = watch.waitFor(server.port(), 3s, [](const auto&) { return true; });
    REQUIRE(room);
    CHECK(room->name == "二楼 IPv6");
    CHECK(room->address.starts_with("fe80:"));
    CHECK(room->address.ends_with("%imchat0"));

    // As a click in the list does: the address goes through the server field's text and back.
    const std::string field = net::endpointText({room->address, room->port});
    CHECK(field == "[" + room->address + "]:" + std::to_string(server.port()));
    const auto endpoint = net::parseEndpoint(field, net::kDefaultPort);
    REQUIRE(endpoint);
    CHECK(endpoint->host == room->address);

    net::ConnectionConfig config;
    config.setServers({*endpoint});
    config.name = "小蓝";
    config.pinnedKey = server.fingerprint();
    testnet::EventPump window(config);
    const auto welcome = window.waitFor<net::WelcomeEvent>(10s);
    REQUIRE(welcome);
    CHECK(welcome->encrypted);
    CHECK(welcome->you == "小蓝");
    CHECK(welcome->ip.starts_with("fe80:")); // the server saw it arrive over the link-local address
}

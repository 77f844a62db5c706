// "host:port" as a person types it.
#include <doctest/doctest.h>

#include "net/endpoint.hpp"

TEST_CASE("endpoint: host:port, a bare host, [IPv6]:port, and what is refused") {
    auto e = net::parseEndpoint("127.0.0.1:4000", 12000);
    REQUIRE(e);
    CHECK(e->host == "127.0.0.1");
    CHECK(e->port == 4000);
    e = net::parseEndpoint(" example.org ", 12000);
    REQUIRE(e);
    CHECK(e->host == "example.org");
    CHECK(e->port == 12000);
    e = net::parseEndpoint("[::1]:5000", 12000);
    REQUIRE(e);
    CHECK(e->host == "::1");
    CHECK(e->port == 5000);
    e = net::parseEndpoint("fe80::1", 12000);
    REQUIRE(e);
    CHECK(e->host == "fe80::1");
    CHECK(e->port == 12000);
    for (const char* bad : {"host:", "host:70000", "host:12x", ":80", "", "   ", "[::1]:", "host:0"}) {
        INFO(bad);
        CHECK_FALSE(net::parseEndpoint(bad, 12000));
    }
}

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

TEST_CASE("endpoint text: host:port, IPv6 in brackets, and it reads back the same") {
    CHECK(net::endpointText({"example.org", 12000}) == "example.org:12000");
    CHECK(net::endpointText({"::1", 5000}) == "[::1]:5000");
    CHECK(net::parseEndpoint(net::endpointText({"fe80::1", 7}), 12000) == net::Endpoint{"fe80::1", 7});
}

TEST_CASE("endpoint list: several servers in the order typed, each once, bare hosts on the default port") {
    const auto list = net::parseEndpointList(" a:12000, b:12001 ,[::1]:12002,c", 12000);
    CHECK(list.error.empty());
    CHECK(list.endpoints ==
          std::vector<net::Endpoint>{{"a", 12000}, {"b", 12001}, {"::1", 12002}, {"c", 12000}});
    CHECK(net::endpointListText(list.endpoints) == "a:12000,b:12001,[::1]:12002,c:12000");
    CHECK(net::parseEndpointList(net::endpointListText(list.endpoints), 1).endpoints == list.endpoints);

    const auto one = net::parseEndpointList("127.0.0.1:4000", 12000);
    CHECK(one.endpoints == std::vector<net::Endpoint>{{"127.0.0.1", 4000}});
    // "a" on the default port is "a:12000": named twice, tried once.
    CHECK(net::parseEndpointList("a:12000,b,a", 12000).endpoints ==
          std::vector<net::Endpoint>{{"a", 12000}, {"b", 12000}});
}

TEST_CASE("endpoint list: what is refused says which entry and why") {
    struct Bad {
        const char* text;
        const char* error;
        const char* badEntry;
    };
    for (const Bad& bad : {
             Bad{"", "no server given (use host:port, or several: host:port,host:port)", ""},
             Bad{"  ", "no server given (use host:port, or several: host:port,host:port)", ""},
             Bad{"host:70000",
                 "\"host:70000\" is not host:port (a host name or address, and a port from 1 to 65535)",
                 "host:70000"},
             Bad{"a:1, b:x ,c:3",
                 "entry 2 of the server list, \"b:x\", is not host:port (a host name or address, and a port "
                 "from 1 to 65535)",
                 "b:x"},
             Bad{"a:1,,b:2", "entry 2 of the server list is empty (two commas in a row, or one at an end)",
                 ""},
             Bad{"a:1,b:2,", "entry 3 of the server list is empty (two commas in a row, or one at an end)",
                 ""},
             Bad{",a:1", "entry 1 of the server list is empty (two commas in a row, or one at an end)", ""},
             Bad{"a:1,[::1]:",
                 "entry 2 of the server list, \"[::1]:\", is not host:port (a host name or "
                 "address, and a port from 1 to 65535)",
                 "[::1]:"},
         }) {
        INFO(bad.text);
        const auto list = net::parseEndpointList(bad.text, 12000);
        CHECK(list.endpoints.empty());
        CHECK(list.error == bad.error);
        CHECK(list.badEntry == bad.badEntry);
    }
}

// The rooms the connect bar lists, from what net::RoomBrowser finds: one room per name and key, whatever
// the number of machines that serve it.
#include <doctest/doctest.h>

#include "app/model/lan_rooms.hpp"

namespace {

const std::string kKeyA(64, 'a');
const std::string kKeyB(64, 'b');

net::RoomBrowser::Room found(std::string name, std::string address, std::uint16_t port, std::string key,
                             std::optional<std::uint32_t> online = std::nullopt) {
    net::RoomBrowser::Room r;
    r.name = std::move(name);
    r.host = "lab.local";
    r.address = std::move(address);
    r.port = port;
    r.version = 2;
    r.tls = true;
    r.fingerprint = std::move(key);
    r.online = online;
    return r;
}

} // namespace

TEST_CASE("lan_rooms: a cluster's nodes are one room, joined through all of their addresses") {
    // mDNS names them "三楼 #2", "三楼 #3"; the TXT record keeps the room's own name on each.
    const auto rooms = app::groupLanRooms({found("三楼", "10.0.0.12", 12000, kKeyA, 5),
                                           found("三楼", "10.0.0.3", 12000, kKeyA, 6),
                                           found("三楼", "10.0.0.7", 12001, kKeyA, std::nullopt)});
    REQUIRE(rooms.size() == 1);
    CHECK(rooms[0].name == "三楼");
    CHECK(rooms[0].serverList() == "10.0.0.3:12000,10.0.0.7:12001,10.0.0.12:12000");
    CHECK(rooms[0].online == 6u); // each node counts the whole room; the freshest count is the highest
    CHECK(rooms[0].tls);
    CHECK(rooms[0].fingerprint == kKeyA);
    CHECK(
        app::summary(rooms[0]) ==
        "三楼 | 10.0.0.3:12000,10.0.0.7:12001,10.0.0.12:12000 | online 6 | encrypted | key aaaaaaaaaaaaaaaa");
}

TEST_CASE("lan_rooms: the same name under another key is another room, and no key groups nothing") {
    auto plain1 = found("lab", "10.0.0.5", 12000, "");
    auto plain2 = found("lab", "10.0.0.6", 12000, "");
    plain1.tls = plain2.tls = false;
    const auto rooms = app::groupLanRooms(
        {found("lab", "10.0.0.1", 12000, kKeyA), found("lab", "10.0.0.2", 12000, kKeyB), plain1, plain2});
    REQUIRE(rooms.size() == 4);
    for (const auto& r : rooms) CHECK(r.servers.size() == 1);
    CHECK(rooms[0].serverList() == "10.0.0.1:12000");
    CHECK(rooms[3].serverList() == "10.0.0.6:12000");
    CHECK_FALSE(rooms[2].tls);
    CHECK(app::summary(rooms[2]) == "lab | 10.0.0.5:12000 | not encrypted");
}

TEST_CASE("lan_rooms: a node without TLS makes the room plaintext, a newer protocol is not joinable") {
    auto plainNode = found("r", "10.0.0.2", 12000, kKeyA);
    plainNode.tls = false;
    auto newer = found("next", "fe80::1", 12000, kKeyB);
    newer.version = 99;
    const auto rooms = app::groupLanRooms({found("r", "10.0.0.1", 12000, kKeyA), plainNode, newer,
                                           found("r", "10.0.0.1", 12000, kKeyA)}); // seen twice
    REQUIRE(rooms.size() == 2);
    CHECK(rooms[0].name == "next");
    CHECK(rooms[0].serverList() == "[fe80::1]:12000"); // the port stays readable, the list parseable
    CHECK_FALSE(rooms[0].compatible);
    CHECK(rooms[1].serverList() == "10.0.0.1:12000,10.0.0.2:12000");
    CHECK_FALSE(rooms[1].tls);
    CHECK(rooms[1].compatible);
}

TEST_CASE("lan_rooms: rooms are in natural order of their names") {
    const auto rooms =
        app::groupLanRooms({found("Room 10", "10.0.0.1", 1, kKeyA), found("Room 2", "10.0.0.2", 1, kKeyB),
                            found("Room 2", "10.0.0.3", 1, std::string(64, 'c'))});
    REQUIRE(rooms.size() == 3);
    CHECK(rooms[0].serverList() == "10.0.0.2:1");
    CHECK(rooms[1].serverList() == "10.0.0.3:1");
    CHECK(rooms[2].name == "Room 10");
}

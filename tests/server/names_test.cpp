// Names that look alike are the same name (PROTOCOL.md §5.1, issue #15): NFC, refused invisible characters,
// confusable keys for uniqueness and mailboxes, blank-looking texts.
#include <doctest/doctest.h>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::makeHello;
using support::ServerProcess;
using support::TestClient;

namespace {

const std::string kWideAlice = "\uFF41lice";     // full-width ａ
const std::string kCyrillicAlice = "\u0430lice"; // Cyrillic а

} // namespace

TEST_CASE("a decomposed name joins in NFC and is the same user as the composed one") {
    ServerProcess server;
    JoinedClient zoe(server.port(), "Zoe\u0308"); // e + combining diaeresis
    CHECK(zoe.joined().welcome.name == "Zo\u00EB");
    CHECK(zoe.joined().users.names == std::vector<std::string>{"Zo\u00EB"});
    TestClient twin;
    twin.connect(server.port());
    twin.send(makeHello("Zo\u00EB"));
    CHECK(twin.expect<net::Error>().code == net::ErrorCode::NameTaken);
    zoe.send(net::Say{1, "hi"});
    CHECK(zoe.expect<net::Chat>().name == "Zo\u00EB");
}

TEST_CASE("names with invisible, bidirectional-control or blank characters are InvalidName") {
    ServerProcess server;
    TestClient a;
    a.connect(server.port());
    for (const std::string bad : {"ali\u200Bce", "\u202Eecila", "\uFEFFalice", "\u3164", "a\u2800b",
                                  "alice\u200D", "\u3164\u3164", "al\u00A0ice"}) {
        CAPTURE(bad);
        a.send(makeHello(bad));
        const auto err = a.expect<net::Error>();
        CHECK(err.code == net::ErrorCode::InvalidName);
        CHECK_FALSE(err.fatal);
    }
    a.join("alice");
    a.send(net::Whisper{9, "ali\u200Bce", "hidden"});
    const auto err = a.expect<net::Error>();
    CHECK(err.code == net::ErrorCode::InvalidRecipient);
    CHECK(err.clientId == 9);
}

TEST_CASE("look-alikes of an online name get NameTaken: full-width, Cyrillic, capitals") {
    ServerProcess server;
    JoinedClient alice(server.port(), "alice");
    TestClient other;
    other.connect(server.port());
    for (const std::string& lookAlike :
         {kWideAlice, kCyrillicAlice, std::string("ALICE"), std::string("\uFF21\uFF2C\uFF29\uFF23\uFF25")}) {
        CAPTURE(lookAlike);
        other.send(makeHello(lookAlike));
        const auto err = other.expect<net::Error>();
        CHECK(err.code == net::ErrorCode::NameTaken);
        CHECK_FALSE(err.fatal);
    }
    CHECK(other.join("alicia").users.names == std::vector<std::string>{"alice", "alicia"});
}

TEST_CASE("a Whisper to a look-alike of a name reaches that name, online and in its mailbox") {
    ServerProcess server;
    JoinedClient alice(server.port(), "alice");
    JoinedClient bob(server.port(), "bob");
    alice.expect<net::Joined>();
    std::uint64_t id = 0;
    for (const std::string& to : {std::string("ALICE"), kWideAlice, kCyrillicAlice}) {
        CAPTURE(to);
        bob.send(net::Whisper{++id, to, "live " + std::to_string(id)});
        const auto got = alice.expect<net::Private>();
        CHECK(got.to == "alice");
        CHECK(got.flags == 0);
        CHECK(got.text == "live " + std::to_string(id));
        CHECK(bob.expect<net::Private>().clientId == id);
    }

    alice.close();
    bob.expect<net::Left>();
    for (const std::string& to : {std::string("ALICE"), kWideAlice}) {
        bob.send(net::Whisper{++id, to, "stored " + std::to_string(id)});
        const auto echo = bob.expect<net::Private>();
        CHECK(echo.flags == net::kPrivateStored);
        CHECK(echo.to == to); // as typed (it is NFC already) while nobody of that name is online
    }
    JoinedClient back(server.port(), "Alice");
    const auto& privates = back.joined().privates;
    REQUIRE(privates.size() == 5);
    CHECK(privates[3].text == "stored 4");
    CHECK(privates[4].text == "stored 5");
    CHECK(privates[4].to == kWideAlice);
}

TEST_CASE("texts made only of invisible characters are EmptyText") {
    ServerProcess server;
    JoinedClient a(server.port(), "alice");
    std::uint64_t id = 0;
    for (const std::string blank : {"\u200B", "\u3164", "\u2800", "\u200B \u3000\n", "\uFEFF\u202E"}) {
        CAPTURE(blank);
        a.send(net::Say{++id, blank});
        auto err = a.expect<net::Error>();
        CHECK(err.code == net::ErrorCode::EmptyText);
        CHECK(err.clientId == id);
        a.send(net::Whisper{++id, "alice", blank});
        err = a.expect<net::Error>();
        CHECK(err.code == net::ErrorCode::EmptyText);
        CHECK(err.clientId == id);
    }
    a.send(net::Say{++id, "\u200Bvisible"});
    CHECK(a.expect<net::Chat>().clientId == id);
}

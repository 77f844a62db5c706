// Names that look alike are the same name (PROTOCOL.md §5.1, issue #15): NFC, refused invisible characters,
// confusable keys for uniqueness and mailboxes, blank-looking texts, and the re-keying of older databases.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "net/name_rules.hpp"
#include "server/sqlite.hpp"
#include "server/storage.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::makeHello;
using support::ServerProcess;
using support::TestClient;

namespace {

const std::string kWideAlice = "\uFF41lice";     // full-width ａ
const std::string kCyrillicAlice = "\u0430lice"; // Cyrillic а

/// A fresh directory under /tmp, removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "imchat-names-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        m_path = tmpl;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

/// Private messages as the server before the name rules wrote them: schema 0, user_version 0, and keys that
/// are the names with A-Z lowercased.
void writeSchema0Database(const std::string& path) {
    server::sql::Database db(path);
    db.exec(R"sql(
CREATE TABLE messages(
    seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, name TEXT NOT NULL, ip TEXT NOT NULL,
    client_id INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE privates(
    pseq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, "from" TEXT NOT NULL, from_ip TEXT NOT NULL,
    "to" TEXT NOT NULL, to_key TEXT NOT NULL, from_key TEXT NOT NULL, client_id INTEGER NOT NULL,
    flags INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX privates_to ON privates(to_key, pseq);
CREATE INDEX privates_from ON privates(from_key, pseq);
INSERT INTO privates VALUES(1, 1000, 'bob', '10.0.0.2', 'ａlice', 'ａlice', 'bob', 1, 1, 'to the wide alice');
INSERT INTO privates VALUES(2, 2000, 'Tom', '10.0.0.3', 'carol', 'carol', 'tom', 2, 1, 'from tom');
INSERT INTO privates VALUES(3, 3000, 'dave', '10.0.0.4', 'Eve', 'eve', 'dave', 3, 1, 'for eve');
)sql");
}

std::int64_t userVersion(const std::string& path) {
    server::sql::Database db(path);
    server::sql::Statement s(db.handle(), "PRAGMA user_version");
    return s.step() ? s.i64(0) : -1;
}

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
    JoinedClient alice(server.port(), support::registerHello("alice", "alice's password"));
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
    JoinedClient back(server.port(), support::loginHello("Alice", "alice's password"));
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

TEST_CASE("a database written with the old name keys is re-keyed once on open, and its mailboxes are found") {
    ScratchDir dir;
    const std::string path = dir.file("old.db");
    writeSchema0Database(path);
    REQUIRE(userVersion(path) == 0);
    // The messages are from 2023 and nobody opened them: --mail-expiry-days 0 keeps them (expiry has tests of
    // its own).
    const std::vector<std::string> keepMail{"--mail-expiry-days", "0"};
    {
        ServerProcess server(ServerProcess::Options{.dataPath = path, .extraArgs = keepMail});
        CHECK(server.terminate() == 0);
        CHECK(server.stdoutSoFar().find("name keys of 3 private message(s) computed anew") !=
              std::string::npos);
    }
    CHECK(userVersion(path) == 1);
    {
        // The file as the server left it. (Nobody of these names registered, so no client would have their
        // mail replayed: the keys are read here.)
        server::Storage storage(path);
        CHECK(storage.rekeyedPrivates() == 0);
        // alice's key is that of "ａlice" now; before, only someone named exactly "ａlice" got the message.
        const auto alice = storage.privatesFor(net::nameKey("alice"), 0, 3, 10, SIZE_MAX).rows;
        REQUIRE(alice.size() == 1);
        CHECK(alice[0].text == "to the wide alice");
        // "tom" is keyed "torn" ('m' looks like "rn"): his old key "tom" alone would find nothing.
        const auto tom = storage.privatesFor(net::nameKey("tom"), 0, 3, 10, SIZE_MAX).rows;
        REQUIRE(tom.size() == 1);
        CHECK(tom[0].text == "from tom");
        CHECK(storage.privatesFor(net::nameKey("EVE"), 0, 3, 10, SIZE_MAX).rows.size() == 1);
    }
    // Once is enough: the next start finds the keys current.
    ServerProcess again(ServerProcess::Options{.dataPath = path, .extraArgs = keepMail});
    CHECK(again.terminate() == 0);
    CHECK(again.stdoutSoFar().find("computed anew") == std::string::npos);
}

TEST_CASE("keys computed with another ICU are computed again") {
    ScratchDir dir;
    const std::string path = dir.file("icu.db");
    {
        server::Storage storage(path);
        CHECK(storage.rekeyedPrivates() == 0); // a new file has nothing to re-key
        net::Private p{1, 1000, "bob", "10.0.0.2", kCyrillicAlice, 1, net::kPrivateStored, "hello"};
        REQUIRE(storage.stagePrivate(p, "stale-from", "stale-to"));
        REQUIRE(storage.commit());
    }
    {
        server::sql::Database db(path);
        db.exec("UPDATE meta SET value = 'skeleton-1 unicode-14.0 icu-71.1' WHERE key = 'name_keys'");
    }
    server::Storage storage(path);
    CHECK(storage.rekeyedPrivates() == 1);
    CHECK(storage.privatesFor(net::nameKey("alice"), 0, 1, 10, SIZE_MAX).rows.size() == 1);
    CHECK(storage.privatesFor(net::nameKey("bob"), 0, 1, 10, SIZE_MAX).rows.size() == 1);
    CHECK(storage.privatesFor("stale-to", 0, 1, 10, SIZE_MAX).rows.empty());
}

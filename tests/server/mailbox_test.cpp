// Mailboxes (issue 16): a flood from one address cannot bury the genuine mail or grow the disk without bound,
// a full mailbox refuses with MailboxFull (the sender knows), opening it makes room, and mail nobody opens
// expires.
#include <doctest/doctest.h>

#include <set>
#include <thread>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {

constexpr const char* kPassword = "correct horse battery";

/// Registers name and leaves: from now on its mail waits in its mailbox.
void registerAndLeave(std::uint16_t port, const std::string& name) {
    TestClient owner;
    owner.connect(port);
    owner.join(support::registerHello(name, kPassword), 10s);
}

/// The owner signs in; the private messages of its join replay.
std::vector<net::Private> signIn(std::uint16_t port, const std::string& name) {
    TestClient owner;
    owner.connect(port);
    return owner.join(support::loginHello(name, kPassword), 10s).privates;
}

/// Whispers count texts to `to` from a client joined from `source`; returns how many were kept (echoed) and
/// checks that each refusal is MailboxFull.
std::size_t whisperMany(std::uint16_t port, const std::string& source, const std::string& from,
                        const std::string& to, std::size_t count) {
    TestClient c;
    c.connectFrom(source, port);
    c.join(from);
    std::size_t kept = 0;
    for (std::uint64_t i = 1; i <= count; ++i) {
        c.send(net::Whisper{i, to, from + " #" + std::to_string(i)});
        auto m = c.receive(5s);
        REQUIRE(m);
        if (std::holds_alternative<net::Private>(*m)) {
            ++kept;
            continue;
        }
        const auto* e = std::get_if<net::Error>(&*m);
        REQUIRE_MESSAGE(e, support::describe(*m));
        CHECK(e->code == net::ErrorCode::MailboxFull);
        CHECK(e->clientId == i);
        CHECK_FALSE(e->fatal);
    }
    return kept;
}

} // namespace

TEST_CASE(
    "one address fills a tenth of a mailbox at most: the genuine mail from elsewhere is kept and shown") {
    ServerProcess server(std::vector<std::string>{"--rate", "10000", "--burst", "10000"});
    registerAndLeave(server.port(), "vera");
    // 1500 junk whispers from one address: 100 kept (a tenth of --mailbox-max 1000), the rest refused.
    CHECK(whisperMany(server.port(), "127.0.0.2", "junk", "vera", 1500) == 100);
    CHECK(whisperMany(server.port(), "127.0.0.3", "friend", "vera", 1) == 1);
    const auto mail = signIn(server.port(), "vera");
    CHECK(mail.size() == 101);
    CHECK(std::any_of(mail.begin(), mail.end(), [](const net::Private& p) { return p.text == "friend #1"; }));
    // Opened: the same address may leave mail again.
    CHECK(whisperMany(server.port(), "127.0.0.2", "junk", "vera", 5) == 5);
}

TEST_CASE("a mailbox holds --mailbox-max unread messages in all, and past that every sender is told") {
    ServerProcess server(std::vector<std::string>{"--mailbox-max", "20"}); // 2 per address
    registerAndLeave(server.port(), "walt");
    std::size_t kept = 0;
    for (int a = 2; a <= 12; ++a)
        kept +=
            whisperMany(server.port(), "127.0.0." + std::to_string(a), "s" + std::to_string(a), "walt", 3);
    CHECK(kept == 20);
    // The limit is the mailbox's, on disk: a restarted server counts the same.
    server.restart();
    CHECK(whisperMany(server.port(), "127.0.0.20", "late", "walt", 1) == 0);
    CHECK(signIn(server.port(), "walt").size() == 20);
    CHECK(whisperMany(server.port(), "127.0.0.20", "late", "walt", 1) == 1);
}

TEST_CASE("mail nobody opened expires, and mail its owner has seen stays in the private history") {
    // 0.00002 days = 1.7 s: the expiry runs at start-up and every half of it.
    ServerProcess server(std::vector<std::string>{"--mail-expiry-days", "0.00002"});
    registerAndLeave(server.port(), "xena");
    registerAndLeave(server.port(), "yuri");
    CHECK(whisperMany(server.port(), "127.0.0.2", "sender", "xena", 1) == 1);
    CHECK(whisperMany(server.port(), "127.0.0.2", "sender", "yuri", 1) == 1);
    REQUIRE(signIn(server.port(), "yuri").size() == 1); // yuri opens his mailbox
    std::this_thread::sleep_for(3s);
    CHECK(signIn(server.port(), "xena").empty());     // xena's unread mail is gone
    CHECK(signIn(server.port(), "yuri").size() == 1); // yuri's read mail is his history
    CHECK(server.stdoutSoFar().find("mail: deleted 1 message(s) unread too long") != std::string::npos);
}

TEST_CASE("private history pages back past a bounded replay, and only to whoever may read it") {
    ServerProcess server(std::vector<std::string>{"--rate", "10000", "--burst", "10000"});
    registerAndLeave(server.port(), "vera");
    {
        TestClient sender;
        sender.connectFrom("127.0.0.2", server.port());
        sender.join("sender");
        for (std::uint64_t i = 1; i <= 100; ++i) { // ~390 KiB: more than the replay's share for privates
            sender.send(net::Whisper{i, "vera", std::to_string(i) + ":" + std::string(3900, 'v')});
            REQUIRE(sender.expect<net::Private>().clientId == i);
        }
    }
    TestClient vera;
    vera.connect(server.port());
    const auto replay = vera.join(support::loginHello("vera", kPassword), 10s).privates;
    REQUIRE_FALSE(replay.empty());
    CHECK(replay.size() < 100);
    CHECK(replay.back().text.starts_with("100:"));
    std::set<std::uint64_t> seen;
    for (const auto& p : replay) seen.insert(p.seq);
    for (std::uint64_t before = replay.front().seq;;) {
        vera.send(net::PrivateHistoryRequest{before, net::kMaxHistoryPage});
        const auto page = vera.expect<net::PrivateHistoryPage>();
        CHECK(page.beforeSeq == before);
        for (const auto& p : page.messages) {
            CHECK(p.seq < before);
            CHECK(seen.insert(p.seq).second);
            CHECK(p.to == "vera");
        }
        if (!page.more) break;
        REQUIRE_FALSE(page.messages.empty());
        before = page.messages.back().seq; // newest first: the last is the oldest
    }
    CHECK(seen.size() == 100);

    // Someone else, signed in or a guest, pages only what is theirs: none of vera's mail.
    JoinedClient other(server.port(), "other");
    other.send(net::PrivateHistoryRequest{0, net::kMaxHistoryPage});
    CHECK(other.expect<net::PrivateHistoryPage>().messages.empty());
}

TEST_CASE("a guest that takes a name anew pages no private message from before it joined") {
    ServerProcess server;
    {
        JoinedClient gus(server.port(), "gus");
        JoinedClient friendly(server.port(), "friendly");
        friendly.send(net::Whisper{1, "gus", "for the first gus"});
        CHECK(friendly.expect<net::Private>().text == "for the first gus");
        const auto got = gus.waitFor<net::Private>();
        REQUIRE(got);
        CHECK(got->text == "for the first gus");
    }
    JoinedClient second(server.port(), "gus"); // no token: not the same guest
    second.send(net::PrivateHistoryRequest{0, net::kMaxHistoryPage});
    CHECK(second.expect<net::PrivateHistoryPage>().messages.empty());
}

TEST_CASE("a guest back with its token reads its own sessions' private messages, never an earlier guest's") {
    ServerProcess server;
    {
        JoinedClient first(server.port(), "gil"); // an earlier guest of the name
        JoinedClient friendly(server.port(), "friendly");
        friendly.send(net::Whisper{1, "gil", "for the earlier gil"});
        REQUIRE(first.waitFor<net::Private>());
    }
    net::Token token{};
    {
        JoinedClient second(server.port(), "gil"); // a new person: no token
        token = second.joined().welcome.resumeToken;
        JoinedClient friendly(server.port(), "friendly2");
        friendly.send(net::Whisper{1, "gil", "for the second gil"});
        REQUIRE(second.waitFor<net::Private>());
    }
    std::this_thread::sleep_for(200ms); // the server sees both leave
    // The second one back, as itself, claiming to have seen nothing: it gets its own message only.
    JoinedClient back(server.port(), support::makeHello("gil", 0, 0, token));
    const auto& replay = back.joined().privates;
    REQUIRE(replay.size() == 1);
    CHECK(replay[0].text == "for the second gil");
    back.send(net::PrivateHistoryRequest{0, net::kMaxHistoryPage});
    const auto page = back.expect<net::PrivateHistoryPage>();
    REQUIRE(page.messages.size() == 1);
    CHECK(page.messages[0].text == "for the second gil");
}

// Cluster mode (--cluster): imchat-server nodes share one room through a real nats-server with JetStream.
// The stream numbers the public messages: every node shows the same messages, once, in one order, with the
// same seq, and mirrors them into its own database for history.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "join_when_free.hpp"
#include "nats_server.hpp"
#include "support/joined_client.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;

namespace {

/// A node of the room on nats (one NATS server: one copy of the stream).
support::ServerProcess node(const clustertest::NatsServer& nats) {
    return support::ServerProcess(
        support::ServerProcess::Options{.extraArgs = {"--cluster", nats.url(), "--cluster-replicas", "1"}});
}

/// The next n Chats c receives, in order (fewer if they do not come within 10 s each).
std::vector<net::Chat> chats(support::TestClient& c, std::size_t n) {
    std::vector<net::Chat> out;
    while (out.size() < n) {
        auto chat = c.waitFor<net::Chat>(10s);
        if (!chat) break;
        out.push_back(std::move(*chat));
    }
    return out;
}

/// Two nodes on one NATS server, alice joined on the first, bob on the second.
struct TwoNodes {
    clustertest::NatsServer nats;
    support::ServerProcess a = node(nats);
    support::ServerProcess b = node(nats);
    support::JoinedClient alice{a.port(), "alice"};
    support::JoinedClient bob{b.port(), "bob"};
};

} // namespace

TEST_CASE(
    "cluster: clients spread over three nodes see every message once, in one order, with the same seq") {
    clustertest::NatsServer nats;
    support::ServerProcess nodes[] = {node(nats), node(nats), node(nats)};
    support::JoinedClient clients[] = {
        {nodes[0].port(), "alice"}, {nodes[1].port(), "bob"}, {nodes[2].port(), "小红"}};
    for (std::uint64_t round = 1; round <= 2; ++round)
        for (auto& c : clients)
            c.send(net::Say{round, c.joined().welcome.name + " 的第 " + std::to_string(round) + " 条"});
    std::vector<std::vector<net::Chat>> seen;
    for (auto& c : clients) seen.push_back(chats(c, 6));
    for (std::size_t n = 0; n < 3; ++n) {
        CAPTURE(n);
        REQUIRE(seen[n].size() == 6);
        for (std::size_t i = 0; i < 6; ++i) {
            CAPTURE(i);
            CHECK(seen[n][i] == seen[0][i]); // seq, time, name, address, client id, text: one message
            CHECK(seen[n][i].seq == i + 1);  // dense, from the stream
        }
    }
    // Each sender's own messages in the order it sent them (the echo is what the stream gave back).
    for (auto& c : clients) {
        const std::string& name = c.joined().welcome.name;
        std::vector<std::string> own;
        for (const auto& chat : seen[0])
            if (chat.name == name) own.push_back(chat.text);
        CHECK(own == std::vector<std::string>{name + " 的第 1 条", name + " 的第 2 条"});
    }
}

TEST_CASE_FIXTURE(TwoNodes, "cluster: a resend with the same client id is stored and shown once") {

    alice.send(net::Say{7, "只应出现一次"});
    alice.send(net::Say{7, "只应出现一次"}); // as after a lost link: the same message again
    alice.send(net::Say{8, "下一条"});
    const auto seen = chats(bob, 2);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].text == "只应出现一次");
    CHECK(seen[1].text == "下一条");
    CHECK(seen[1].seq == seen[0].seq + 1);
    CHECK_FALSE(bob.waitFor<net::Chat>(500ms).has_value());
}

TEST_CASE("cluster: a node that was down catches up from the stream, and gives a newcomer the history") {
    clustertest::NatsServer nats;
    auto a = node(nats);
    auto b = node(nats);
    {
        support::JoinedClient alice(a.port(), "alice");
        alice.send(net::Say{1, "b 在线时"});
        REQUIRE(chats(alice, 1).size() == 1);
        REQUIRE(b.terminate() == 0);
        alice.send(net::Say{2, "b 停机时一"});
        alice.send(net::Say{3, "b 停机时二"});
        REQUIRE(chats(alice, 2).size() == 2);
    }
    b.restart();
    // The stream is read from the newest mirrored seq on; the newcomer's history comes from b's own database,
    // once b has mirrored it.
    std::vector<net::Chat> history;
    for (int attempt = 0; attempt < 50 && history.size() < 3; ++attempt) {
        support::JoinedClient carol(b.port(), "carol-" + std::to_string(attempt));
        history = carol.joined().history;
        if (history.size() < 3) std::this_thread::sleep_for(100ms);
    }
    REQUIRE(history.size() == 3);
    CHECK(history[0].text == "b 在线时");
    CHECK(history[1].text == "b 停机时一");
    CHECK(history[2].text == "b 停机时二");
    CHECK(history[2].seq == 3);
}

TEST_CASE("cluster: a node that cannot reach NATS says so and exits 6") {
    support::ScratchDir dir("cluster-unreachable");
    // Port 1 on loopback: nothing listens there.
    const auto r = support::ServerProcess::run(
        {"--port", "0", "--data", (dir.path() / "db").string(), "--cluster", "nats://127.0.0.1:1"}, 20s);
    CHECK(r.exitCode == 6);
    CHECK(r.err.find("--cluster nats://127.0.0.1:1: cannot reach NATS") != std::string::npos);
}

TEST_CASE("cluster: a client failing over with a seq the new node has not read yet waits for it, and gets "
          "nothing twice") {
    clustertest::NatsServer nats;
    const std::vector<std::string> fast{
        "--cluster", nats.url(), "--cluster-replicas", "1", "--rate", "100000", "--burst", "100000"};
    support::ServerProcess a(support::ServerProcess::Options{.extraArgs = fast});
    constexpr std::uint64_t kSaid = 2000;
    std::uint64_t lastSeq = 0;
    {
        support::JoinedClient alice(a.port(), "alice");
        for (std::uint64_t i = 1; i <= kSaid; ++i) alice.send(net::Say{i, "第 " + std::to_string(i) + " 条"});
        for (const auto& c : chats(alice, kSaid)) lastSeq = c.seq;
    }
    REQUIRE(lastSeq == kSaid);
    // A node that starts now reads the stream from its beginning while alice, who saw everything on a,
    // comes in at once (as after a lost link): its Welcome must not say the room is shorter than that.
    support::ServerProcess b(support::ServerProcess::Options{.extraArgs = fast});
    support::JoinedClient alice(b.port(), support::makeHello("alice", lastSeq));
    CHECK(alice.joined().welcome.latestSeq >= lastSeq);
    CHECK(alice.joined().history.empty()); // nothing she has is sent again
    alice.send(net::Say{kSaid + 1, "在 b 上"});
    const auto next = chats(alice, 1);
    REQUIRE(next.size() == 1);
    CHECK(next[0].seq == kSaid + 1);
}

TEST_CASE_FIXTURE(TwoNodes,
                  "cluster: a name online on one node cannot be taken on another - its holder's token "
                  "takes it over from a dead node, and a name is free once its holder leaves") {
    CHECK(support::refusedHello(b.port(), support::makeHello("alice")).code == net::ErrorCode::NameTaken);
    CHECK(support::refusedHello(b.port(), support::makeHello("ALICE")).code == net::ErrorCode::NameTaken);
    const net::Token token = alice.joined().welcome.resumeToken;

    a.kill9(); // alice's claim outlives her node for its ttl: a stranger still may not take the name
    CHECK(support::refusedHello(b.port(), support::makeHello("alice")).code == net::ErrorCode::NameTaken);
    // Meanwhile bob writes to her: her claim says she is online (on a node that is gone), so no mailbox.
    bob.send(net::Whisper{9, "alice", "你在哪个节点？"});
    REQUIRE(bob.waitFor<net::Private>(10s));
    // alice herself, failing over with her session's token, may take her name, and gets what was written to
    // her session meanwhile.
    support::JoinedClient back(b.port(), support::makeHello("alice", 0, 0, token));
    CHECK(back.joined().welcome.name == "alice");
    REQUIRE(back.joined().privates.size() == 1);
    CHECK(back.joined().privates[0].text == "你在哪个节点？");

    {
        support::JoinedClient dave(b.port(), "dave");
        dave.send(net::Bye{});
        CHECK(bob.waitFor<net::Left>(5s).has_value());
    }
    a.restart();
    support::JoinedClient daveOnA(a.port(), "dave"); // released when he left b
    CHECK(daveOnA.joined().welcome.name == "dave");
}

TEST_CASE_FIXTURE(TwoNodes,
                  "cluster: a private message to a user on another node arrives once, numbered by the "
                  "stream, and one to a name nobody holds or registered is refused") {
    alice.send(net::Whisper{5, "bob", "只给 bob 的悄悄话"});
    const auto atBob = bob.waitFor<net::Private>(10s);
    const auto echo = alice.waitFor<net::Private>(10s);
    REQUIRE(atBob);
    REQUIRE(echo);
    CHECK(*atBob == *echo); // one message: seq, time, names, address, client id, text
    CHECK(atBob->seq == 1);
    CHECK(atBob->from == "alice");
    CHECK(atBob->flags == 0); // delivered live, not from a mailbox
    CHECK_FALSE(bob.waitFor<net::Private>(500ms).has_value());

    alice.send(net::Whisper{6, "nobody", "没有人"}); // neither online anywhere nor registered
    const auto refused = alice.waitFor<net::Error>(10s);
    REQUIRE(refused);
    CHECK(refused->code == net::ErrorCode::RecipientOffline);
    CHECK(refused->clientId == 6);
}

TEST_CASE_FIXTURE(TwoNodes,
                  "cluster: a guest who left one node and comes back on another with its token reads "
                  "its private messages again, and nobody else does") {
    alice.send(net::Whisper{1, "bob", "给 bob：三点开会"});
    REQUIRE(bob.waitFor<net::Private>(10s));
    const net::Token token = bob.joined().welcome.resumeToken;
    bob.send(net::Bye{});
    REQUIRE(alice.waitFor<net::Left>(5s));
    // Bob's own client, on the node he did not leave from.
    auto back = clustertest::joinWhenFree(a.port(), support::makeHello("bob", 0, 0, token));
    REQUIRE(back);
    REQUIRE(back->joined().privates.size() == 1);
    CHECK(back->joined().privates[0].text == "给 bob：三点开会");
    back->send(net::Bye{});
    // Someone else who takes the name, with a wrong token, reads nothing of bob's.
    auto other = clustertest::joinWhenFree(b.port(), support::makeHello("bob", 0, 0, net::Token{1, 2, 3}));
    REQUIRE(other);
    CHECK(other->joined().privates.empty());
}

TEST_CASE("cluster: a node whose NATS server is gone still stops at once on SIGTERM") {
    clustertest::NatsServer nats;
    auto a = node(nats);
    {
        support::JoinedClient alice(a.port(), "alice"); // a claim to renew, a leave to release
        alice.send(net::Say{1, "在"});
        REQUIRE(chats(alice, 1).size() == 1);
        nats.kill9();
    }
    std::this_thread::sleep_for(1500ms); // its link reconnecting, its requests waiting for their timeouts
    // terminate() waits 5 s before it kills: a node that closed its connections last waited for every
    // blocked request's timeout (seconds each) first, up to half a minute.
    CHECK(a.terminate() == 0);
}

TEST_CASE("cluster: a node that cannot listen stops cleanly after its links to NATS were made") {
    clustertest::NatsServer nats;
    const auto a = node(nats);
    support::ScratchDir dir("cluster-port-in-use");
    // A late callback of nats.c into a freed link crashed such a node (exit 139) once, in scripts/cluster.sh
    // next to another running room; rare: five tries here guard against its return, they do not reproduce it.
    for (int i = 0; i < 5; ++i) {
        const auto r = support::ServerProcess::run({"--bind", "127.0.0.1", "--port", std::to_string(a.port()),
                                                    "--data", (dir.path() / "db").string(), "--cluster",
                                                    nats.url(), "--cluster-replicas", "1"},
                                                   20s);
        CAPTURE(r.err);
        CHECK(r.exitCode == 2);
    }
}

// Cluster mode over three NATS servers and a stream of three replicas: the room goes on when one NATS
// server dies, becomes read-only when a second one does (clear state, messages held in the sender's outbox,
// never numbered by a node), and delivers the held messages once, in order, when quorum is back.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "nats_server.hpp"
#include "net/event_pump.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;

namespace {

support::ServerProcess node(const clustertest::NatsCluster& nats) {
    // Heartbeats of a minute: bob's test client only reads, for longer than the default 15 s of silence.
    return support::ServerProcess(support::ServerProcess::Options{
        .extraArgs = {"--cluster", nats.urls(), "--cluster-replicas", "3", "--heartbeat-ms", "60000"}});
}

net::ConnectionConfig plaintextConfig(std::uint16_t port, std::string name) {
    net::ConnectionConfig c;
    c.port = port;
    c.name = std::move(name);
    c.plaintext = true;
    return c;
}

/// What bob receives until n Chats came, each within timeout: the Chats, and the RoomStates between them.
struct Seen {
    std::vector<net::Chat> chats;
    std::vector<bool> readOnly; // each RoomState's flag, in order
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::string timeline; // what came when, for a failure's report (the engine's elections take seconds)

    void note(const std::string& what) {
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        timeline += std::to_string(ms.count()) + " ms: " + what + "\n";
    }
};
void receive(support::TestClient& bob, std::size_t n, std::chrono::milliseconds timeout, Seen& seen) {
    const std::size_t target = seen.chats.size() + n;
    while (seen.chats.size() < target) {
        auto m = bob.receive(timeout);
        if (!m) return;
        if (auto* c = std::get_if<net::Chat>(&*m)) {
            seen.note("Chat " + std::to_string(c->seq) + " " + c->text);
            seen.chats.push_back(std::move(*c));
        } else if (auto* s = std::get_if<net::RoomState>(&*m)) {
            seen.note("RoomState readOnly=" + std::to_string(s->readOnly));
            seen.readOnly.push_back(s->readOnly);
        }
    }
}

void say(testnet::EventPump& alice, int from, int to) {
    for (int i = from; i <= to; ++i) REQUIRE(alice.connection().say("消息 " + std::to_string(i)) != 0);
}

} // namespace

TEST_CASE(
    "cluster: NATS servers killed under traffic - one, the room goes on, two, read-only with messages held, one back, delivered once") {
    clustertest::NatsCluster nats;
    auto a = node(nats);
    auto b = node(nats);
    testnet::EventPump alice(plaintextConfig(a.port(), "alice"));
    REQUIRE(alice.waitFor<net::WelcomeEvent>(10s));
    support::JoinedClient bob(b.port(), "bob");
    Seen seen;
    INFO("what bob received:\n" << seen.timeline);
    INFO("node a:\n" << a.stdoutSoFar() << "node b:\n" << b.stdoutSoFar());

    say(alice, 1, 5);
    receive(bob, 5, 10s, seen);
    REQUIRE(seen.chats.size() == 5);

    seen.note("kill -9 one NATS server");
    nats.server(2).kill9(); // one replica gone: two of three still make a quorum
    say(alice, 6, 10);
    receive(bob, 5, 30s, seen); // the engine's election of new leaders may hold some in alice's outbox
    REQUIRE(seen.chats.size() == 10);

    seen.note("kill -9 a second NATS server");
    nats.server(1).kill9(); // no quorum: nothing can be stored
    say(alice, 11, 13);
    // Both nodes notice (a only through its refused publish, b through its probes) and say so.
    const auto aliceReadOnly =
        alice.waitFor<net::RoomState>(15s, [](const net::RoomState& s) { return s.readOnly; });
    REQUIRE(aliceReadOnly);
    receive(bob, 1, 8s, seen);
    CHECK(seen.chats.size() == 10); // nothing numbered by a node on its own
    REQUIRE(!seen.readOnly.empty());
    CHECK(seen.readOnly.back());

    seen.note("start the second one again");
    nats.server(1).start();
    REQUIRE(nats.waitForLeader(1, 20s));
    receive(bob, 3, 30s, seen);
    REQUIRE(seen.chats.size() == 13);
    // b says so too, once its own health report comes (it may come after the messages it reads).
    bool writable = !seen.readOnly.back();
    while (!writable) {
        const auto s = bob.waitFor<net::RoomState>(10s);
        if (!s) break;
        writable = !s->readOnly;
    }
    CHECK(writable);

    // Every message once, in the order alice said them, numbered densely by the stream.
    std::set<std::string> texts;
    for (std::size_t i = 0; i < seen.chats.size(); ++i) {
        CAPTURE(i);
        CHECK(seen.chats[i].text == "消息 " + std::to_string(i + 1));
        CHECK(seen.chats[i].seq == i + 1);
        texts.insert(seen.chats[i].text);
    }
    CHECK(texts.size() == 13);
    CHECK_FALSE(bob.waitFor<net::Chat>(1s).has_value());
    // alice's window would show read-only no more, and her outbox is empty: every echo came.
    CHECK(alice.waitFor<net::RoomState>(5s, [](const net::RoomState& s) { return !s.readOnly; }));
    MESSAGE("what bob received (the engine's times, for docs/cluster.md):\n" << seen.timeline);
}

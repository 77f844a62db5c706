// A node of a cluster room killed under steady traffic: its clients fail over to another node and resume
// there with no duplicate and no gap, and nothing they had sent is lost or stored twice (the stream
// de-duplicates a resend by its id, whichever node it comes through).
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "nats_server.hpp"
#include "net/event_pump.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;

namespace {

support::ServerProcess node(const clustertest::NatsServer& nats) {
    return support::ServerProcess(support::ServerProcess::Options{
        .extraArgs = {"--cluster", nats.url(), "--cluster-replicas", "1", "--heartbeat-ms", "60000"}});
}

constexpr int kMessages = 60; // 20 at once, then 10 a second (the client's pace): about 4 s of traffic

} // namespace

TEST_CASE("cluster: a node killed under traffic - its client fails over to another node, resumes with no "
          "duplicate and no gap, and every message is stored once") {
    clustertest::NatsServer nats;
    auto a = node(nats);
    auto b = node(nats);
    net::ConnectionConfig config;
    config.setServers({{"127.0.0.1", a.port()}, {"127.0.0.1", b.port()}});
    config.name = "alice";
    config.plaintext = true;
    testnet::EventPump alice(config);
    REQUIRE(alice.waitFor<net::WelcomeEvent>(10s));
    support::JoinedClient carol(b.port(), "carol"); // watches the room from the node that stays

    for (int i = 1; i <= kMessages; ++i)
        REQUIRE(alice.connection().say("第 " + std::to_string(i) + " 条") != 0);
    // Mid-traffic: once carol saw a quarter of them, node a dies with the rest in flight or unsent.
    for (int seen = 0; seen < kMessages / 4; ++seen) REQUIRE(carol.waitFor<net::Chat>(10s));
    a.kill9();

    const auto onB = alice.waitFor<net::ConnectingEvent>(10s, [&](const net::ConnectingEvent& e) {
        return e.endpoint == "127.0.0.1:" + std::to_string(b.port());
    });
    REQUIRE(onB);
    REQUIRE(alice.waitFor<net::WelcomeEvent>(10s));

    // Carol: every message once, in the order said, numbered densely.
    std::vector<net::Chat> room;
    for (int i = kMessages / 4; i < kMessages; ++i) {
        auto c = carol.waitFor<net::Chat>(15s);
        if (!c) break;
        room.push_back(std::move(*c));
    }
    REQUIRE(room.size() == kMessages - kMessages / 4);
    CHECK_FALSE(carol.waitFor<net::Chat>(1s).has_value()); // nothing stored twice
    for (std::size_t i = 0; i < room.size(); ++i) {
        CAPTURE(i);
        CHECK(room[i].text == "第 " + std::to_string(kMessages / 4 + i + 1) + " 条");
        CHECK(room[i].seq == kMessages / 4 + i + 1);
    }

    // Alice: each seq once, none missing, across both nodes (live, and what the resume replayed).
    alice.drain(500ms);
    std::map<std::uint64_t, int> seqs;
    for (const auto& e : alice.events()) {
        if (const auto* c = std::get_if<net::Chat>(&e)) ++seqs[c->seq];
        if (const auto* w = std::get_if<net::WelcomeEvent>(&e))
            for (const auto& h : w->history) ++seqs[h.seq];
    }
    CHECK(seqs.size() == static_cast<std::size_t>(kMessages));
    for (const auto& seqCount : seqs) { // no structured binding: doctest's macros are lambdas
        CAPTURE(seqCount.first);
        CHECK(seqCount.second == 1);
    }
    CHECK(seqs.begin()->first == 1);
    CHECK(seqs.rbegin()->first == static_cast<std::uint64_t>(kMessages));
}

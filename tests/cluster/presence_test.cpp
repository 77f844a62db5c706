// Who is in a cluster room, whichever node they joined: every node's user list and its Joined/Left notices
// show the people of every node; a person whose client fails over to another node stays in the room without
// a notice, and the people of a node that died leave the others' lists once their claims run out.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "nats_server.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;

namespace {

support::ServerProcess node(const clustertest::NatsServer& nats, const std::string& nameTtl = "20") {
    return support::ServerProcess(support::ServerProcess::Options{
        .extraArgs = {"--cluster", nats.url(), "--cluster-replicas", "1", "--cluster-name-ttl", nameTtl,
                      "--heartbeat-ms", "60000"}});
}

/// The presence changes c hears of, in order: "+name" joined, "-name" left (single notices and Presence
/// batches alike), each with the room's head-count after it ("+bob 2"). Reads until `expected` of them came
/// (within `within`), then half a second more: a notice too many shows.
std::vector<std::string> presenceSeen(support::TestClient& c, std::size_t expected,
                                      std::chrono::milliseconds within) {
    std::vector<std::string> seen;
    auto end = std::chrono::steady_clock::now() + within;
    for (auto now = std::chrono::steady_clock::now(); now < end; now = std::chrono::steady_clock::now()) {
        const auto m = c.receive(std::chrono::duration_cast<std::chrono::milliseconds>(end - now));
        if (!m) break;
        const std::size_t before = seen.size();
        if (const auto* j = std::get_if<net::Joined>(&*m))
            seen.push_back("+" + j->name + " " + std::to_string(j->online));
        if (const auto* l = std::get_if<net::Left>(&*m))
            seen.push_back("-" + l->name + " " + std::to_string(l->online));
        if (const auto* p = std::get_if<net::Presence>(&*m)) {
            for (const auto& n : p->joined) seen.push_back("+" + n + " " + std::to_string(p->online));
            for (const auto& n : p->left) seen.push_back("-" + n + " " + std::to_string(p->online));
        }
        if (before < expected && seen.size() >= expected) end = std::chrono::steady_clock::now() + 500ms;
    }
    return seen;
}

/// The names c's node lists as online (a UsersRequest's answer), sorted.
std::vector<std::string> usersOf(support::TestClient& c) {
    c.send(net::UsersRequest{});
    std::vector<std::string> names;
    for (;;) {
        const auto m = c.receive(5s);
        REQUIRE(m);
        if (const auto* part = std::get_if<net::UsersPart>(&*m))
            names.insert(names.end(), part->names.begin(), part->names.end());
        if (const auto* users = std::get_if<net::Users>(&*m)) {
            names.insert(names.end(), users->names.begin(), users->names.end());
            break;
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

using Names = std::vector<std::string>;

} // namespace

TEST_CASE("cluster: the user list and Joined/Left show the people of every node, on every node") {
    clustertest::NatsServer nats;
    auto a = node(nats);
    auto b = node(nats);
    JoinedClient alice(a.port(), "alice");
    JoinedClient bob(b.port(), "小明");
    CHECK(presenceSeen(alice, 1, 5s) == Names{"+小明 2"});
    CHECK(usersOf(bob) == Names{"alice", "小明"});
    CHECK(usersOf(alice) == Names{"alice", "小明"});

    JoinedClient carol(a.port(), "carol");
    CHECK(presenceSeen(bob, 1, 5s) == Names{"+carol 3"});
    bob.send(net::Bye{});
    CHECK(presenceSeen(carol, 1, 5s) == Names{"-小明 2"});
    CHECK(usersOf(alice) == Names{"alice", "carol"});
}

TEST_CASE("cluster: a node killed - a person failing over stays in the room without a notice, the others "
          "leave the lists once their names' claims run out") {
    clustertest::NatsServer nats;
    auto a = node(nats, "3");
    auto b = node(nats, "3");
    JoinedClient alice(a.port(), "alice");
    JoinedClient bob(b.port(), "bob");
    JoinedClient carol(b.port(), "carol");
    CHECK(presenceSeen(alice, 2, 5s) == Names{"+bob 2", "+carol 3"});

    b.kill9();
    // bob's client comes back on a with its session's token; carol's does not come back.
    JoinedClient bobAgain(a.port(), support::makeHello("bob", 0, 0, bob.joined().welcome.resumeToken));
    // Claims are renewed every ttl/4 and taken for gone a ttl after the last renewal, checked every ttl/4:
    // carol leaves 3 to 4.5 s after the kill.
    CHECK(presenceSeen(alice, 1, 10s) == Names{"-carol 2"});
    CHECK(usersOf(alice) == Names{"alice", "bob"});
    CHECK(usersOf(bobAgain) == Names{"alice", "bob"});
}

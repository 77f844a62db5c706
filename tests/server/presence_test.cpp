// The user list a client keeps from Users, Joined, Left and Presence frames (PROTOCOL.md) is the room's own
// through a storm of arrivals, departures and returns, for members from before the storm and for one that
// joined in the middle of it.
#include <doctest/doctest.h>

#include <map>
#include <thread>

#include "net/validation.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {

/// A user list kept as PROTOCOL.md tells a client to keep it, by name key.
class KeptList {
public:
    explicit KeptList(const net::Users& users) {
        for (const auto& n : users.names) m_names[net::nameKey(n)] = n;
    }
    /// Takes in everything that arrives until the room has been quiet for quiet.
    void follow(TestClient& c, std::chrono::milliseconds quiet) {
        while (auto m = c.receive(quiet)) {
            if (auto* j = std::get_if<net::Joined>(&*m)) m_names[net::nameKey(j->name)] = j->name;
            if (auto* l = std::get_if<net::Left>(&*m)) m_names.erase(net::nameKey(l->name));
            if (auto* p = std::get_if<net::Presence>(&*m)) {
                ++presences;
                CHECK(p->joinedCount == p->joined.size());
                CHECK(p->leftCount == p->left.size());
                for (const auto& n : p->left) m_names.erase(net::nameKey(n));
                for (const auto& n : p->joined) m_names.emplace(net::nameKey(n), n);
            }
            if (auto* ping = std::get_if<net::Ping>(&*m)) c.send(net::Pong{ping->nonce});
        }
    }
    std::vector<std::string> names() const {
        std::vector<std::string> all;
        for (const auto& [key, name] : m_names) all.push_back(name);
        std::sort(all.begin(), all.end());
        return all;
    }
    std::size_t presences = 0;

private:
    std::map<std::string, std::string> m_names;
};

std::string arrival(std::size_t i) { return "arrival" + std::to_string(i); }

} // namespace

TEST_CASE("through a storm of joins, departures and returns, every member's kept user list is the room's") {
    ServerProcess server;
    JoinedClient early(server.port(), "early");
    KeptList earlyList(early.joined().users);
    constexpr std::size_t kCrowd = 150;
    std::vector<TestClient> crowd(kCrowd);
    const auto joinAs = [&](std::size_t i, const std::string& name) {
        crowd[i] = TestClient();
        crowd[i].connectFrom("127.0.0." + std::to_string(2 + i % 50), server.port());
        crowd[i].join(name);
    };
    for (std::size_t i = 0; i < kCrowd; ++i) joinAs(i, arrival(i));
    // One comes in while the batch is open.
    JoinedClient middle(server.port(), "middle");
    KeptList middleList(middle.joined().users);
    // A third leave; of those, some come back as they were, some in capitals (the same name key), all within
    // the same second as the joins.
    for (std::size_t i = 0; i < kCrowd; i += 3) {
        crowd[i].send(net::Bye{"storm"});
        CHECK(crowd[i].isClosedByPeer(5s));
    }
    for (std::size_t i = 0; i < kCrowd; i += 6) joinAs(i, arrival(i));
    for (std::size_t i = 3; i < kCrowd; i += 12) {
        std::string upper = arrival(i);
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        joinAs(i, upper);
    }
    earlyList.follow(early, 2500ms);
    middleList.follow(middle, 500ms);
    // The room's own list, as a newcomer after the storm gets it.
    JoinedClient late(server.port(), "late");
    auto truth = late.joined().users.names;
    truth.erase(std::find(truth.begin(), truth.end(), "late"));
    std::sort(truth.begin(), truth.end());
    CHECK(truth.size() == 2 + kCrowd - kCrowd / 3 + kCrowd / 6 + (kCrowd - 3 + 11) / 12);
    CHECK(earlyList.presences >= 1);
    CHECK(earlyList.names() == truth);
    CHECK(middleList.names() == truth);
}

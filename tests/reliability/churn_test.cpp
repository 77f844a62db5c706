// Churn: clients that come and go, politely or not, leave nothing behind in the server.
#include <doctest/doctest.h>

#include <thread>

#include "support/joined_client.hpp"
#include "support/proc_stats.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {

/// One visit, in one of four ways: Bye, abrupt close after joining, gone before Hello, close after a message.
void visit(std::uint16_t port, int i) {
    TestClient c;
    c.connect(port);
    const std::string name = "churn" + std::to_string(i);
    switch (i % 4) {
    case 0:
        c.join(name);
        c.send(net::Bye{"bye"});
        REQUIRE(c.isClosedByPeer(2s));
        break;
    case 1: c.join(name); break; // closed abruptly by the destructor
    case 2:
        c.send(net::Ping{1});
        c.expect<net::Pong>();
        break; // never joined
    default:
        c.join(name);
        c.send(net::Say{1, "passing through"});
        c.expect<net::Chat>();
        break;
    }
}

/// Polls until the process has exactly `want` descriptors open (closes finish asynchronously); returns the
/// last count seen.
std::size_t settleDescriptors(pid_t pid, std::size_t want, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::size_t n = support::openDescriptors(pid);
    while (n != want && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(20ms);
        n = support::openDescriptors(pid);
    }
    return n;
}

} // namespace

TEST_CASE("1000 connect/disconnect cycles leak no descriptors and no memory") {
    ServerProcess server;
    const pid_t pid = server.pid();
    // Warm-up: the allocator's arenas, SQLite's page cache and the history cache reach their working size.
    for (int i = 0; i < 200; ++i) visit(server.port(), i);
    std::this_thread::sleep_for(2500ms); // the last closes finish; idle memory is handed back every 2 s
    const std::size_t fdsBefore = support::openDescriptors(pid);
    const std::size_t rssBefore = support::residentKiB(pid);

    constexpr int kCycles = 1000;
    for (int i = 0; i < kCycles; ++i) visit(server.port(), 200 + i);

    CHECK(settleDescriptors(pid, fdsBefore, 3s) == fdsBefore);
    std::this_thread::sleep_for(2500ms);
    const std::size_t rssAfter = support::residentKiB(pid);
    MESSAGE("after " << kCycles << " cycles: " << fdsBefore << " descriptors, resident " << rssBefore
                     << " KiB -> " << rssAfter << " KiB");
    // A leaked session per cycle (socket, buffers, queue) costs over 0.5 KiB each.
    if (support::kResidentSizeMeaningful) CHECK(rssAfter <= rssBefore + 512);

    // Nobody is left behind as a ghost member: the next visitor is alone in the room.
    JoinedClient last(server.port(), "last");
    CHECK(last.joined().users.names == std::vector<std::string>{"last"});
    CHECK_FALSE(server.exited());
}

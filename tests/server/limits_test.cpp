// Limits per address (issue 16): joining and leaving in a loop is slowed to a few cycles a second with
// bounded notices and log lines, the room's last places stay free for newcomers, and seqs from a client
// are compared as the unsigned numbers they are.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <thread>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;
using Clock = std::chrono::steady_clock;

namespace {

std::size_t countOf(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("joining and leaving in a loop from one address: slowed to --connects-per-ip, bounded notices and "
          "log lines, and another address is not held back") {
    ServerProcess::Options options{.extraArgs = {"--max-per-ip", "8"}};
    options.connectsPerIp = 10; // the default
    ServerProcess server(options);
    TestClient watcher;
    watcher.connectFrom("127.0.0.2", server.port());
    watcher.join("watcher");
    const std::size_t linesBefore = countOf(server.stdoutSoFar(), "\n");
    std::size_t cycles = 0, joined = 0, refused = 0;
    const auto start = Clock::now();
    while (Clock::now() - start < 2s) {
        ++cycles;
        TestClient c;
        c.connect(server.port());
        c.send(support::makeHello("churn" + std::to_string(cycles % 4)));
        auto m = c.receive(2s);
        REQUIRE(m);
        if (std::holds_alternative<net::Welcome>(*m)) {
            ++joined;
            c.send(net::Bye{});
        } else {
            const auto* e = std::get_if<net::Error>(&*m);
            REQUIRE_MESSAGE(e, support::describe(*m));
            CHECK(e->code == net::ErrorCode::TooManyFromIp);
            CHECK(e->text.find("lately") != std::string::npos);
            ++refused;
        }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::this_thread::sleep_for(300ms);
    std::size_t notices = 0;
    while (auto m = watcher.receive(200ms))
        notices += std::holds_alternative<net::Joined>(*m) || std::holds_alternative<net::Left>(*m);
    const std::size_t lines = countOf(server.stdoutSoFar(), "\n") - linesBefore;
    MESSAGE(cycles << " connect-Hello-Bye cycles in " << seconds << " s: " << joined << " joined, " << refused
                   << " refused; the watcher got " << notices << " notices, the log " << lines << " lines");
    CHECK(cycles >= 200); // the loop itself is fast: the bound below is the server's doing
    CHECK(joined <= 8 + static_cast<std::size_t>(10 * seconds) + 2); // the burst, then the rate
    CHECK(notices <= 2 * joined);
    // The log's burst, then its rate, each line after a gap preceded by the count of lines not shown.
    CHECK(lines <= 1000 + static_cast<std::size_t>(2 * 100 * seconds) + 5);
    // Another machine is not held back by the first one's churn.
    TestClient other;
    other.connectFrom("127.0.0.3", server.port());
    other.join("other");
}

TEST_CASE("the room's last places are kept for addresses not in it yet") {
    // 32 places, 2 of them (32 / 16) only for an address holding no connection.
    ServerProcess server(std::vector<std::string>{"--max-clients", "32", "--max-per-ip", "8"});
    std::vector<TestClient> held;
    std::size_t refusedAt = 0;
    for (int a = 2; a <= 5 && !refusedAt; ++a) {
        for (int i = 0; i < 8; ++i) {
            TestClient c;
            c.connectFrom("127.0.0." + std::to_string(a), server.port());
            c.send(support::makeHello("h" + std::to_string(a) + "-" + std::to_string(i)));
            auto m = c.receive(2s);
            REQUIRE(m);
            if (const auto* e = std::get_if<net::Error>(&*m)) {
                CHECK(e->code == net::ErrorCode::TooManyFromIp);
                CHECK(e->text.find("kept for addresses not in it yet") != std::string::npos);
                refusedAt = held.size();
                break;
            }
            REQUIRE(std::holds_alternative<net::Welcome>(*m));
            held.push_back(std::move(c));
        }
    }
    CHECK(refusedAt == 30); // four addresses would have taken all 32
    // Two newcomers from addresses of their own get the two places; then the room is full for everyone.
    TestClient first, second, third;
    first.connectFrom("127.0.0.9", server.port());
    first.join("newcomer1");
    second.connectFrom("127.0.0.10", server.port());
    second.join("newcomer2");
    third.connectFrom("127.0.0.11", server.port());
    third.send(support::makeHello("newcomer3"));
    CHECK(third.expect<net::Error>().code == net::ErrorCode::ServerFull);
}

TEST_CASE("a private resume point at or above 2^63 is after everything, not before it") {
    ServerProcess server;
    {
        TestClient owner;
        owner.connect(server.port());
        owner.join(support::registerHello("mira", "correct horse battery"));
    }
    JoinedClient sender(server.port(), "sender");
    sender.send(net::Whisper{1, "mira", "kept for mira"});
    CHECK(sender.expect<net::Private>().text == "kept for mira");
    for (const std::uint64_t after : {std::uint64_t{1} << 63, std::numeric_limits<std::uint64_t>::max()}) {
        CAPTURE(after);
        TestClient mira;
        mira.connect(server.port());
        auto hello = support::loginHello("mira", "correct horse battery");
        hello.lastPrivateSeq = after;
        CHECK(mira.join(hello, 10s).privates.empty());
    }
    TestClient mira;
    mira.connect(server.port());
    const auto j = mira.join(support::loginHello("mira", "correct horse battery"), 10s);
    REQUIRE(j.privates.size() == 1);
    CHECK(j.privates[0].text == "kept for mira");
}

TEST_CASE("a join storm is announced in batches: a few Joined one by one, then Presence frames that count "
          "the rest") {
    ServerProcess server;
    JoinedClient watcher(server.port(), "watcher");
    constexpr std::size_t kArrivals = 120;
    std::vector<TestClient> crowd(kArrivals);
    for (std::size_t i = 0; i < kArrivals; ++i) {
        crowd[i].connectFrom("127.0.0." + std::to_string(2 + i % 50), server.port());
        crowd[i].join("arrival" + std::to_string(i));
    }
    std::size_t alone = 0, batched = 0, frames = 0, named = 0;
    std::uint32_t lastOnline = 0;
    const auto deadline = Clock::now() + 5s;
    while (alone + batched < kArrivals && Clock::now() < deadline) {
        auto m = watcher.receive(3s);
        if (!m) break;
        if (auto* j = std::get_if<net::Joined>(&*m)) {
            ++alone;
            lastOnline = j->online;
        } else if (auto* p = std::get_if<net::Presence>(&*m)) {
            ++frames;
            batched += p->joinedCount;
            named += p->joined.size();
            CHECK(p->joined.size() == p->joinedCount); // every name: no client needs to ask for the list
            CHECK(p->leftCount == 0);
            lastOnline = p->online;
        }
    }
    MESSAGE(kArrivals << " arrivals: " << alone << " announced alone, " << batched << " in " << frames
                      << " Presence frames (" << named << " named)");
    CHECK(alone + batched == kArrivals);
    CHECK(alone <= 20 + 10 * 2); // the burst, and the rate while the joins lasted (well under 2 s here)
    CHECK(frames <= 5);
    CHECK(lastOnline == kArrivals + 1);
    // One that arrived while the batch was open gets the same batch: applied to the list it got on joining,
    // it adds what came after it.
    const auto later = crowd[100].waitFor<net::Presence>(3s);
    REQUIRE(later);
    CHECK(std::find(later->joined.begin(), later->joined.end(), "arrival119") != later->joined.end());
    // And their departures the same way.
    crowd.clear();
    std::size_t gone = 0;
    while (gone < kArrivals) {
        auto m = watcher.receive(3s);
        REQUIRE(m);
        if (std::holds_alternative<net::Left>(*m)) ++gone;
        if (auto* p = std::get_if<net::Presence>(&*m)) gone += p->leftCount;
    }
    CHECK(gone == kArrivals);
}

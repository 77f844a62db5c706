// Slow and dead peers: a client that stops reading is cut off, and while it lasts nobody else waits for it.
#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>

#include "crowd.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using reliability::Crowd;
using support::ServerProcess;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kTalkers = 100;
constexpr auto kSendEvery = 5ms;        // 200 messages/s into the room, 2 per talker: under the flood limit
constexpr std::size_t kPadding = 3900;  // ~4 KiB a message: 80 MB/s fanned out, 800 KB/s piling up for a sloth
// Scheduling noise on a shared 2-core machine reaches a few ms whatever the server does; below this floor a
// "doubling" is noise, above it a real stall (a blocked write, an unbounded queue) shows by orders of magnitude.
constexpr double kNoiseFloorMs = 5.0;

/// A message text carrying its send time.
std::string stamped() {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
    return std::to_string(ns) + ":" + std::string(kPadding, 'p');
}

/// Milliseconds since the send time a stamped text carries.
double ageMs(const std::string& text) {
    long long ns = 0;
    std::from_chars(text.data(), text.data() + text.size(), ns);
    const auto sent = Clock::time_point(std::chrono::nanoseconds(ns));
    return std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
}

double percentile(std::vector<double> v, double p) {
    REQUIRE_FALSE(v.empty());
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

/// The room's traffic: one stamped message every kSendEvery from the next talker, every Chat's delivery
/// latency recorded at every talker.
class Traffic {
public:
    explicit Traffic(Crowd& talkers) : m_talkers(talkers) {}

    /// Runs the traffic until stop() says so (checked between sends); returns the latencies seen.
    template <typename Stop>
    std::vector<double> run(Stop stop) {
        std::vector<double> latencies;
        auto next = Clock::now();
        while (!stop()) {
            for (; Clock::now() >= next; next += kSendEvery) {
                ++m_turn;
                m_talkers[m_turn % m_talkers.size()].send(net::Say{m_turn, stamped()});
            }
            m_talkers.pump(1ms, [&](std::size_t, net::Message& m) {
                if (auto* c = std::get_if<net::Chat>(&m)) latencies.push_back(ageMs(c->text));
                if (auto* l = std::get_if<net::Left>(&m); l && !m_left) m_left = *l, m_leftAt = Clock::now();
                if (std::holds_alternative<net::Error>(m)) FAIL("a talker got " << support::describe(m));
            });
        }
        return latencies;
    }
    /// The first Left any talker saw, and when.
    const std::optional<net::Left>& left() const { return m_left; }
    Clock::time_point leftAt() const { return m_leftAt; }

private:
    Crowd& m_talkers;
    std::uint64_t m_turn = 0;
    std::optional<net::Left> m_left;
    Clock::time_point m_leftAt;
};

} // namespace

TEST_CASE("a never-reading client among 100 chatting ones is cut off within 10 s and the others' p99 does not double") {
    // 1 MiB queue cap and a 4 s write stall instead of 8 MiB and 10 s: the same rules, reached in test time
    // at this traffic (the defaults would need ~1 MB/s piling up for one peer to trip within 10 s).
    ServerProcess server(std::vector<std::string>{"--max-per-ip", "200", "--max-queue-bytes", "1048576",
                                                  "--write-stall-ms", "4000"});
    Crowd talkers(server.port(), kTalkers, "talker");
    talkers.drain(200ms, 10s);
    Traffic traffic(talkers);

    auto until = [](Clock::time_point end) { return [end] { return Clock::now() >= end; }; };
    traffic.run(until(Clock::now() + 500ms)); // warm-up: connections and allocator reach their steady state
    auto baseline = traffic.run(until(Clock::now() + 2s));

    support::TestClient sloth;
    sloth.connect(server.port());
    sloth.join("sloth"); // and from here on it reads nothing
    const auto stalledAt = Clock::now();
    const auto during = traffic.run([&] {
        const bool late = Clock::now() - stalledAt > 12s;
        return late || (traffic.left() && Clock::now() - traffic.leftAt() > 500ms);
    });
    REQUIRE_MESSAGE(traffic.left(), "the sloth was never cut off; server log:\n" << server.stdoutSoFar());
    CHECK(traffic.left()->name == "sloth");
    CHECK(traffic.left()->reason == net::LeaveReason::Kicked);
    const auto cutAfter = std::chrono::duration<double>(traffic.leftAt() - stalledAt).count();
    CHECK(cutAfter < 10.0);

    // The baseline spans the time before and after the stall, so load from elsewhere on the machine weighs
    // on both sides alike.
    const auto after = traffic.run(until(Clock::now() + 1500ms));
    baseline.insert(baseline.end(), after.begin(), after.end());
    const double p99Base = percentile(baseline, 0.99), p99During = percentile(during, 0.99);
    MESSAGE("sloth cut off after " << cutAfter << " s; p99 latency " << p99Base << " ms without it ("
                                   << baseline.size() << " deliveries), " << p99During << " ms with it ("
                                   << during.size() << "); p50 " << percentile(baseline, 0.5) << " / "
                                   << percentile(during, 0.5) << " ms");
    CHECK(p99During <= 2.0 * std::max(p99Base, kNoiseFloorMs));
    // Everything queued for it is gone: it reads what the kernel held, maybe the SlowReader error, then EOF.
    CHECK(sloth.isClosedByPeer(5s));
}

// Overload: more clients sending more than the server can fan out. Senders are slowed or stopped (flood
// control, backpressure, slow-reader cut-offs), memory stays bounded, the server survives and recovers.
#include <doctest/doctest.h>

#include <cerrno>
#include <map>
#include <sys/socket.h>
#include <thread>

#include "crowd.hpp"
#include "history.hpp"
#include "proc_stats.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using reliability::Crowd;
using support::ServerProcess;
using support::TestClient;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kClients = 300;
constexpr double kRate = 20.0;        // the server's default flood limit (messages/s per connection)
constexpr double kBurst = 40.0;
constexpr std::size_t kGreedy = 30;   // these offer three times the limit and read everything
constexpr double kGreedyRate = 60.0;
constexpr double kPoliteRate = 18.0;  // the rest stay under the limit and never read: together 4,860/s,
                                      // 1.5 million deliveries/s for the server to fan out
constexpr auto kLoad = 6s;
constexpr std::size_t kMaxPending = 64 * 1024; // a sender whose socket takes no more waits, as a client would
// Above what one turn of the event loop can queue for one reader (300 senders x one 300-byte message), so only
// clients that really stopped reading are cut off.
constexpr std::size_t kQueueCap = 1024 * 1024;

/// One client's sending side: frames waiting for its socket, and what happened to its offers.
struct Sender {
    double rate = 0, credit = 0;
    std::string pending;
    std::uint64_t offered = 0, waited = 0; // waited: offers held back because the socket was full
    bool gone = false;
};

/// Offers what the sender's rate allows for dt, then writes without blocking.
void offer(TestClient& c, Sender& s, double dt, const std::string& text) {
    if (s.gone || !c.connected()) return;
    for (s.credit += s.rate * dt; s.credit >= 1.0; s.credit -= 1.0) {
        if (s.pending.size() > kMaxPending) {
            ++s.waited;
            continue;
        }
        net::encode(net::Say{++s.offered, text}, s.pending);
    }
    while (!s.pending.empty()) {
        const ssize_t n = ::send(c.fd(), s.pending.data(), s.pending.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) {
            s.pending.erase(0, static_cast<std::size_t>(n));
        } else {
            s.gone = n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR; // cut off
            return;
        }
    }
}

} // namespace

TEST_CASE("overload: 300 clients outsend the fan-out, yet flood control and backpressure hold, memory is bounded, the server recovers") {
    ServerProcess server(std::vector<std::string>{"--max-per-ip", "1000", "--max-queue-bytes",
                                                  std::to_string(kQueueCap), "--write-stall-ms", "2000"});
    const pid_t pid = server.pid();
    std::size_t fdsIdle = 0, rssIdle = 0, rssPeak = 0, rssLate = 0; // late: the last second of the load
    std::map<net::ErrorCode, int> errors; // seen by the greedy clients (the ones that read)
    std::uint64_t offered = 0, waited = 0, cut = 0;
    {
        Crowd crowd(server.port(), kClients, "c");
        std::this_thread::sleep_for(300ms);
        fdsIdle = reliability::openDescriptors(pid) - kClients;
        rssIdle = reliability::residentKiB(pid);
        std::vector<Sender> senders(kClients);
        for (std::size_t i = 0; i < kClients; ++i) {
            senders[i].rate = i < kGreedy ? kGreedyRate : kPoliteRate;
            if (i < kGreedy) continue;
            crowd.ignore(i);
            // A dead laptop's window is small, not the 4 MB Linux grows for a reader on loopback: the queue cap,
            // not the kernel's buffers, is what gets tested.
            const int small = 4096;
            ::setsockopt(crowd[i].fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        }
        const std::string text(300, 'o');
        const auto start = Clock::now();
        auto last = start, lastSample = start;
        while (Clock::now() - start < kLoad) {
            const auto now = Clock::now();
            const double dt = std::chrono::duration<double>(now - last).count();
            last = now;
            for (std::size_t i = 0; i < kClients; ++i) offer(crowd[i], senders[i], dt, text);
            crowd.pump(5ms, [&](std::size_t, net::Message& m) {
                if (auto* e = std::get_if<net::Error>(&m)) ++errors[e->code];
            });
            if (now - lastSample > 100ms) {
                lastSample = now;
                const std::size_t rss = reliability::residentKiB(pid);
                rssPeak = std::max(rssPeak, rss);
                if (now - start > kLoad - 1s) rssLate = std::max(rssLate, rss);
                REQUIRE_MESSAGE(!server.exited(), "the server died under load: " << server.stderrSoFar());
            }
        }
        for (const auto& s : senders) offered += s.offered, waited += s.waited, cut += s.gone;
    } // every client closes: the load stops

    // A newcomer is served at once, and the server is back to its idle size.
    const auto afterLoad = Clock::now();
    TestClient fresh;
    fresh.connect(server.port());
    fresh.join("fresh");
    fresh.send(net::Say{1, "anyone there?"});
    CHECK(fresh.expect<net::Chat>(5s).text == "anyone there?");
    const double recoverySeconds = std::chrono::duration<double>(Clock::now() - afterLoad).count();
    CHECK(recoverySeconds < 2.0);

    const auto history = reliability::wholeHistory(fresh);
    const std::uint64_t accepted = history.size();
    std::map<std::string, std::uint64_t> bySender;
    for (const auto& [seq, m] : history) ++bySender[m.name];
    const double loadSeconds = std::chrono::duration<double>(kLoad).count();
    const auto cap = static_cast<std::uint64_t>(kRate * (loadSeconds + 1.0) + kBurst); // +1 s: the drain
    std::uint64_t most = 0;
    for (const auto& [name, n] : bySender) most = std::max(most, name == "fresh" ? 0 : n);
    std::this_thread::sleep_for(300ms);
    const std::size_t fdsAfter = reliability::openDescriptors(pid) - 1; // minus the fresh client

    // The server's log names everyone it kicked: the flooders, and the deaf clients whose queues filled.
    const std::string log = server.stdoutSoFar();
    std::size_t kicked = 0;
    for (auto at = log.find("): kicked"); at != std::string::npos; at = log.find("): kicked", at + 1)) ++kicked;

    MESSAGE("offered " << offered << " messages (" << waited << " held back by full sockets, " << cut
                       << " senders found their socket closed), accepted " << accepted << ", kicked " << kicked
                       << ", at most " << most << " from one client; RateLimited " << errors[net::ErrorCode::RateLimited]
                       << ", Flooding " << errors[net::ErrorCode::Flooding] << ", SlowReader "
                       << errors[net::ErrorCode::SlowReader] << "; resident " << rssIdle << " KiB idle, peak "
                       << rssPeak << " KiB, late " << rssLate << " KiB; recovered in " << recoverySeconds << " s");
    CHECK(most <= cap);                                   // flood control held for every sender
    CHECK(accepted < offered);                            // the senders were slowed or stopped
    CHECK(errors[net::ErrorCode::RateLimited] > 0);       // the greedy ones were told so,
    CHECK(errors[net::ErrorCode::Flooding] > 0);          // and cut off when they went on
    // Each deaf client's queue is paused at half the cap and cut off at the cap or after a 2 s stall; the
    // frames are shared, so the resident growth stays far below 300 full queues (which the backpressure alone
    // would allow).
    if (reliability::kResidentSizeMeaningful) CHECK(rssPeak <= rssIdle + 48 * 1024);
    CHECK(kicked >= kClients * 9 / 10); // the flooders, and the deaf whose queues filled or stalled
    CHECK(fdsAfter == fdsIdle);
    CHECK_FALSE(server.exited());
}

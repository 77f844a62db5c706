// Overload: a peer that asks for more than it reads is paused, and descriptor exhaustion does not spin.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <thread>

#include "support/joined_client.hpp"
#include "support/proc_stats.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;
using namespace std::chrono_literals;

TEST_CASE("backpressure: a client that requests more than it reads is paused, not cut off") {
    ServerProcess server(
        std::vector<std::string>{"--max-message-bytes", "8000", "--rate", "1000", "--burst", "1000"});
    JoinedClient a(server.port(), "greedy");
    for (int i = 0; i < 20; ++i) {
        a.send(net::Say{0, std::string(8000, 'h')});
        a.expect<net::Chat>();
    }
    // 60 pages of ~64 KiB = 3.75 MiB of answers, seven times the 512 KiB high-water mark: the requests are
    // slowed (fake lag) and the reads paused while the answers wait, and the connection stays.
    constexpr int kRequests = 60;
    for (int i = 0; i < kRequests; ++i) a.send(net::HistoryRequest{0, 500});
    std::this_thread::sleep_for(500ms);
    for (int i = 0; i < kRequests; ++i) {
        const auto page = a.expect<net::HistoryPage>(10s);
        REQUIRE(page.messages.size() == 8);
    }
    a.send(net::Ping{3});
    CHECK(a.expect<net::Pong>().nonce == 3);
}

TEST_CASE("descriptor exhaustion (EMFILE): logged once, no busy loop, recovers") {
    ServerProcess server;
    JoinedClient first(server.port(), "first");
    // Room for exactly the descriptors in use: the next accept fails with EMFILE.
    rlimit original{};
    REQUIRE(prlimit(server.pid(), RLIMIT_NOFILE, nullptr, &original) == 0);
    const rlimit tight{support::openDescriptors(server.pid()), original.rlim_max};
    REQUIRE(prlimit(server.pid(), RLIMIT_NOFILE, &tight, nullptr) == 0);

    std::vector<TestClient> waiting(3);
    for (auto& c : waiting) c.connect(server.port()); // completes in the kernel's backlog
    const long long before = support::cpuTicks(server.pid()).value();
    std::this_thread::sleep_for(700ms);
    const long long spent = support::cpuTicks(server.pid()).value() - before;
    CHECK(spent < 20); // ticks are 10 ms: a spinning accept loop would burn ~70 here
    const auto out = server.stdoutSoFar();
    const auto firstLog = out.find("accept failed");
    REQUIRE(firstLog != std::string::npos);
    CHECK(out.find("accept failed", firstLog + 1) == std::string::npos);
    // The joined client is still served meanwhile.
    first.send(net::Ping{1});
    CHECK(first.expect<net::Pong>().nonce == 1);

    REQUIRE(prlimit(server.pid(), RLIMIT_NOFILE, &original, nullptr) == 0);
    for (std::size_t i = 0; i < waiting.size(); ++i)
        CHECK(waiting[i].join("late" + std::to_string(i)).welcome.name == "late" + std::to_string(i));
}

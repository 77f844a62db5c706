// Overload: a peer that asks for more than it reads is paused, and descriptor exhaustion does not spin.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/resource.h>

#include "support/server_process.hpp"
#include "support/test_client.hpp"

using support::ServerProcess;
using support::TestClient;
using namespace std::chrono_literals;

namespace {

// User+system CPU time of a process, from /proc/PID/stat (fields 14 and 15, in clock ticks).
long cpuTicks(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i)
        fields >> skip;
    long utime = 0, stime = 0;
    fields >> utime >> stime;
    return utime + stime;
}

std::size_t openDescriptors(pid_t pid) {
    const auto dir = "/proc/" + std::to_string(pid) + "/fd";
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

} // namespace

TEST_CASE("backpressure: a client that requests more than it reads is paused, not cut off") {
    ServerProcess server(
        std::vector<std::string>{"--max-message-bytes", "8000", "--rate", "1000", "--burst", "1000"});
    TestClient a;
    a.connect(server.port());
    a.join("greedy");
    for (int i = 0; i < 20; ++i) {
        a.send(net::Say{0, std::string(8000, 'h')});
        a.expect<net::Chat>();
    }
    // 400 pages of ~64 KiB = 25 MiB of answers, three times the 8 MiB queue cap: only pausing the reads of
    // this connection keeps it alive.
    constexpr int kRequests = 400;
    for (int i = 0; i < kRequests; ++i)
        a.send(net::HistoryRequest{0, 500});
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
    TestClient first;
    first.connect(server.port());
    first.join("first");
    // Room for exactly the descriptors in use: the next accept fails with EMFILE.
    rlimit original{};
    REQUIRE(prlimit(server.pid(), RLIMIT_NOFILE, nullptr, &original) == 0);
    const rlimit tight{openDescriptors(server.pid()), original.rlim_max};
    REQUIRE(prlimit(server.pid(), RLIMIT_NOFILE, &tight, nullptr) == 0);

    std::vector<TestClient> waiting(3);
    for (auto& c : waiting)
        c.connect(server.port()); // completes in the kernel's backlog
    const long before = cpuTicks(server.pid());
    std::this_thread::sleep_for(700ms);
    const long spent = cpuTicks(server.pid()) - before;
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

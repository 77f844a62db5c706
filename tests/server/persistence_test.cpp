// Durability: history survives restarts (clean and kill -9), sequence numbers continue, pages are served.
#include <doctest/doctest.h>

#include <thread>

#include <sys/resource.h>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {

// Sends n messages and waits for each echo (the acknowledgement); returns the seqs.
std::vector<std::uint64_t> sayAcked(TestClient& c, int n, const std::string& prefix) {
    std::vector<std::uint64_t> seqs;
    for (int i = 0; i < n; ++i) {
        c.send(net::Say{static_cast<std::uint64_t>(i + 1), prefix + std::to_string(i)});
        seqs.push_back(c.expect<net::Chat>().seq);
    }
    return seqs;
}

void checkRestartKeepsHistory(bool crash, std::vector<std::string> extraArgs = {}) {
    extraArgs.insert(extraArgs.end(), {"--rate", "1000", "--burst", "1000"});
    ServerProcess server(extraArgs);
    {
        JoinedClient a(server.port(), "alice");
        const auto seqs = sayAcked(a, 20, "before ");
        CHECK(seqs.back() == 20);
        // Pipelined: all sent at once, acknowledged by their echoes before the kill.
        for (int i = 0; i < 50; ++i) a.send(net::Say{100u + i, "burst " + std::to_string(i)});
        for (int i = 0; i < 50; ++i) CHECK(a.expect<net::Chat>().seq == 21u + i);
    }
    if (crash) server.kill9();
    else CHECK(server.terminate() == 0);
    server.restart();

    JoinedClient b(server.port(), support::makeHello("bob", 1));
    const auto& j = b.joined();
    CHECK(j.welcome.latestSeq == 70);
    REQUIRE(j.history.size() == 69);
    for (std::size_t i = 0; i < j.history.size(); ++i) CHECK(j.history[i].seq == i + 2);
    CHECK(j.history.back().text == "burst 49");
    CHECK(j.history.back().name == "alice");
    b.send(net::Say{1, "after restart"});
    CHECK(b.expect<net::Chat>().seq == 71);
}

} // namespace

TEST_CASE("restart after SIGTERM keeps history and continues seq") { checkRestartKeepsHistory(false); }

TEST_CASE("restart after kill -9 keeps every acknowledged message and continues seq") {
    checkRestartKeepsHistory(true);
}

TEST_CASE("--synchronous full serves and keeps the same, and a value other than normal or full is refused") {
    checkRestartKeepsHistory(true, {"--synchronous", "full"});
    const auto bad = ServerProcess::run({"--synchronous", "sometimes"});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("--synchronous: 'sometimes' is not normal or full") != std::string::npos);
}

TEST_CASE("HistoryPage pages backwards, newest first, with more flag") {
    ServerProcess server(std::vector<std::string>{"--history", "5"});
    JoinedClient a(server.port(), "pager");
    sayAcked(a, 25, "p");

    a.send(net::HistoryRequest{0, 10});
    auto page = a.expect<net::HistoryPage>();
    CHECK(page.beforeSeq == 0);
    CHECK(page.more);
    REQUIRE(page.messages.size() == 10);
    CHECK(page.messages.front().seq == 25);
    CHECK(page.messages.back().seq == 16);

    a.send(net::HistoryRequest{16, 10});
    page = a.expect<net::HistoryPage>();
    CHECK(page.beforeSeq == 16);
    REQUIRE(page.messages.size() == 10);
    CHECK(page.messages.front().seq == 15);
    CHECK(page.more);

    a.send(net::HistoryRequest{6, 10});
    page = a.expect<net::HistoryPage>();
    REQUIRE(page.messages.size() == 5);
    CHECK(page.messages.back().seq == 1);
    CHECK_FALSE(page.more);

    // maxCount is clamped to 1..500.
    a.send(net::HistoryRequest{0, 0});
    CHECK(a.expect<net::HistoryPage>().messages.size() == 1);
}

TEST_CASE("HistoryPage stops before 64 KiB") {
    ServerProcess server(
        std::vector<std::string>{"--max-message-bytes", "8000", "--rate", "1000", "--burst", "1000"});
    JoinedClient a(server.port(), "big");
    for (int i = 0; i < 20; ++i) {
        a.send(net::Say{0, std::string(8000, 'a' + (i % 26))});
        a.expect<net::Chat>();
    }
    a.send(net::HistoryRequest{0, 500});
    const auto page = a.expect<net::HistoryPage>();
    CHECK(page.messages.size() == 8); // 8 x ~8 KiB fit in 64 KiB, 9 do not
    CHECK(page.more);
}

TEST_CASE("full disk: StorageFailed, nothing delivered, seq not consumed, recovers when space returns") {
    ServerProcess server(std::vector<std::string>{"--rate", "1000", "--burst", "1000"});
    JoinedClient a(server.port(), "writer");
    JoinedClient b(server.port(), "watcher");
    a.expect<net::Joined>();
    sayAcked(a, 3, "ok ");
    for (int i = 0; i < 3; ++i) b.expect<net::Chat>();

    // The disk "fills": every write past the first 4 KiB of any file fails (EFBIG, as ENOSPC would).
    rlimit tiny{4096, RLIM_INFINITY}; // soft limit only, so it can be raised again
    REQUIRE(prlimit(server.pid(), RLIMIT_FSIZE, &tiny, nullptr) == 0);
    const std::string big(3000, 'x'); // a few of these overflow whatever room the WAL still has
    std::vector<std::uint64_t> refused;
    for (int i = 0; i < 20; ++i) {
        a.send(net::Say{static_cast<std::uint64_t>(100 + i), big});
        auto m = a.receive(std::chrono::seconds(5));
        REQUIRE(m);
        if (auto* e = std::get_if<net::Error>(&*m)) {
            CHECK(e->code == net::ErrorCode::StorageFailed);
            CHECK_FALSE(e->fatal);
            refused.push_back(e->clientId);
        } else {
            REQUIRE(std::holds_alternative<net::Chat>(*m)); // fitted in space the WAL already had
            CHECK(b.expect<net::Chat>().seq == std::get<net::Chat>(*m).seq);
        }
    }
    CHECK(refused.size() >= 15);
    // The server may log just after it replied: give its stderr a moment to reach the pipe.
    bool logged = false;
    for (int tries = 0; tries < 100 && !logged; ++tries) {
        logged = server.stderrSoFar().find("STORAGE FAILURE") != std::string::npos;
        if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(logged);
    // The watcher got nothing that was refused.
    CHECK_FALSE(b.receive(std::chrono::milliseconds(100)).has_value());

    rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
    REQUIRE(prlimit(server.pid(), RLIMIT_FSIZE, &unlimited, nullptr) == 0);
    a.send(net::Say{500, "space is back"});
    const auto chat = a.expect<net::Chat>();
    const auto seen = b.expect<net::Chat>();
    CHECK(seen.seq == chat.seq);
    CHECK(chat.seq == 3 + (20 - refused.size()) + 1); // no gap: refused messages consumed no seq

    // And it is durable.
    server.kill9();
    server.restart();
    JoinedClient c(server.port(), "reader");
    const auto& j = c.joined();
    REQUIRE_FALSE(j.history.empty());
    CHECK(j.history.back().text == "space is back");
    CHECK(j.history.back().seq == chat.seq);
}

TEST_CASE("a HistoryPage larger than --max-queue-bytes reaches a client that reads, which stays connected") {
    ServerProcess server(
        std::vector<std::string>{"--max-queue-bytes", "4096", "--rate", "1000", "--burst", "1000"});
    JoinedClient a(server.port(), "reader");
    sayAcked(a, 20, std::string(1000, 'r'));
    a.send(net::HistoryRequest{0, 500});
    const auto page = a.expect<net::HistoryPage>();
    CHECK(page.messages.size() == 20); // ~20 KiB in one frame, five times the queue bound
    a.send(net::Ping{7});
    CHECK(a.expect<net::Pong>().nonce == 7);
}

TEST_CASE(
    "resume after a long absence: the replay is cut at its oldest end and HistoryRequest fills the gap") {
    // A 64 KiB queue cap keeps a join's replay within 32 KiB: 100 messages of ~1 KiB do not fit.
    ServerProcess server(
        std::vector<std::string>{"--max-queue-bytes", "65536", "--rate", "1000", "--burst", "1000"});
    std::uint64_t lastSeen = 0;
    {
        JoinedClient away(server.port(), "away");
        lastSeen = sayAcked(away, 3, "seen ").back();
    }
    JoinedClient talker(server.port(), "talker");
    const auto missed = sayAcked(talker, 100, std::string(1000, 'm'));

    JoinedClient back(server.port(), support::makeHello("away", lastSeen));
    const auto& j = back.joined();
    REQUIRE_FALSE(j.history.empty());
    CHECK(j.history.back().seq == missed.back()); // cut at the oldest end: the newest are all there
    CHECK(j.history.front().seq > lastSeen + 1);  // and the gap is visible to the client
    CHECK(j.history.size() * 1000 < 32 * 1024);

    // Paging back from the first replayed seq returns exactly the missing ones, contiguous.
    std::uint64_t next = j.history.front().seq;
    for (int pages = 0; pages < 10 && next > lastSeen + 1; ++pages) {
        back.send(net::HistoryRequest{next, 500});
        const auto page = back.expect<net::HistoryPage>();
        REQUIRE_FALSE(page.messages.empty());
        for (const net::Chat& c : page.messages) { // newest first
            if (c.seq <= lastSeen) break;
            REQUIRE(c.seq == next - 1);
            next = c.seq;
        }
    }
    CHECK(next == lastSeen + 1);
}

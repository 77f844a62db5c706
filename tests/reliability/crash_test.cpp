// Crash safety under steady traffic: kill -9 while several clients talk, restart on the same data and port.
// Whatever was delivered or acknowledged survives, seq continues, net::Connection clients resume exactly.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "history.hpp"
#include "net/connection.hpp"
#include "net/event_pump.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;
using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;
using testnet::EventPump;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kRaw = 3;   // blocking protocol clients: they see exactly what crossed the socket
constexpr std::size_t kConns = 2; // the client library the app uses
constexpr auto kTick = 10ms;      // every tick each client says one thing: 500 messages/s into the room
constexpr int kKillBurst = 400;   // messages (2 KB each) each Connection sends just before the kill

/// Reconnects fast after the crash, and lets the test (not the library) pace the messages. Over TLS to the
/// server's key, which the restarted server keeps (it lives beside the database).
net::ConnectionConfig connConfig(const ServerProcess& server, std::string name) {
    net::ConnectionConfig c;
    c.port = server.port();
    c.pinnedKey = server.fingerprint();
    c.name = std::move(name);
    c.backoffMin = 50ms;
    c.backoffMax = 200ms;
    c.sendRate = 1000; // the server runs with a matching limit
    c.sendBurst = 1000;
    c.maxOutbox = 2000;
    return c;
}

/// A raw client's record: every Chat it received (delivered) and its own echoes (acknowledged).
struct RawRecord {
    std::map<std::uint64_t, net::Chat> delivered;
    std::set<std::uint64_t> acked; // seqs
};

/// Reads what a raw client has without blocking; false once its connection is gone.
bool readRaw(TestClient& c, const std::string& name, RawRecord& r) {
    if (c.peerClosed()) return false;
    while (auto m = c.receive(0ms)) {
        if (auto* chat = std::get_if<net::Chat>(&*m)) {
            r.delivered[chat->seq] = *chat;
            if (chat->name == name) r.acked.insert(chat->seq);
        }
    }
    return !c.peerClosed();
}

/// The public messages a Connection's user was shown, in the order shown (join replays, then live).
std::vector<net::Chat> shown(const EventPump& p) {
    std::vector<net::Chat> out;
    for (const auto& e : p.events()) {
        if (const auto* w = std::get_if<net::WelcomeEvent>(&e))
            out.insert(out.end(), w->history.begin(), w->history.end());
        if (const auto* c = std::get_if<net::Chat>(&e)) out.push_back(*c);
    }
    return out;
}

/// The seqs at which a resumed join's replay began: the server bounds a replay by bytes, newest first, so
/// after a long or busy outage the replay starts later than the last seq seen, and the window pages in
/// the rest when scrolled to (the only place a gap may be).
std::set<std::uint64_t> replayStarts(const EventPump& p) {
    std::set<std::uint64_t> out;
    for (const auto& e : p.events())
        if (const auto* w = std::get_if<net::WelcomeEvent>(&e); w && w->resumed && !w->history.empty())
            out.insert(w->history.front().seq);
    return out;
}

} // namespace

TEST_CASE(
    "kill -9 under steady traffic: nothing delivered or acknowledged is lost, seq continues, clients resume without duplicate or gap") {
    ServerProcess server(std::vector<std::string>{"--rate", "1000", "--burst", "1000"});
    std::vector<TestClient> raw(kRaw);
    std::vector<RawRecord> records(kRaw);
    for (std::size_t i = 0; i < kRaw; ++i) {
        raw[i].connect(server.port());
        raw[i].join("raw" + std::to_string(i));
    }
    std::vector<std::unique_ptr<EventPump>> conns;
    std::vector<std::vector<std::uint64_t>> said(kConns); // clientIds each Connection was given
    for (std::size_t j = 0; j < kConns; ++j) {
        conns.push_back(std::make_unique<EventPump>(connConfig(server, "conn" + std::to_string(j))));
        REQUIRE(conns[j]->waitFor<net::WelcomeEvent>(5s));
    }

    // Steady traffic; the kill lands between two ticks, with messages in flight in both directions.
    std::uint64_t n = 0;
    bool killed = false, restarted = false;
    const auto start = Clock::now();
    for (auto next = start; Clock::now() - start < 3s; next += kTick) {
        std::this_thread::sleep_until(next);
        ++n;
        const auto t = Clock::now() - start;
        for (std::size_t i = 0; i < kRaw; ++i) {
            if (!readRaw(raw[i], "raw" + std::to_string(i), records[i]) || killed) continue;
            raw[i].send(net::Say{n, "raw" + std::to_string(i) + " #" + std::to_string(n)});
        }
        for (std::size_t j = 0; j < kConns; ++j) {
            const std::uint64_t id =
                conns[j]->connection().say("conn" + std::to_string(j) + " #" + std::to_string(n));
            REQUIRE(id != 0);
            said[j].push_back(id);
            conns[j]->drain(0ms);
        }
        if (!killed && t > 1200ms) {
            // A burst right before the kill: some of it is stored and echoed, some stored with its echo still
            // on the way (lost with the connection), some never read. Only the replay tells them apart.
            for (std::size_t j = 0; j < kConns; ++j)
                for (int b = 0; b < kKillBurst; ++b)
                    said[j].push_back(conns[j]->connection().say("conn" + std::to_string(j) + " burst " +
                                                                 std::to_string(b) + std::string(2000, '.')));
            std::this_thread::sleep_for(2ms);
            server.kill9();
            killed = true;
        }
        if (!restarted && t > 1600ms) { // the Connections keep typing into their outboxes meanwhile
            server.restart(true);
            restarted = true;
        }
    }

    // Every message a Connection was given is stored in the end: its echo shown live or in a join replay,
    // or, where it fell in the gap before a replay the server bounded by bytes, found there by the library
    // (which reads the gap before sending anything again). The record is read until all are in it.
    auto storedCopies = [&](const std::map<std::uint64_t, net::Chat>& history) {
        std::map<std::pair<std::string, std::uint64_t>, int> copies;
        for (const auto& [seq, c] : history) ++copies[{c.name, c.clientId}];
        return copies;
    };
    auto unstored = [&](const std::map<std::uint64_t, net::Chat>& history) {
        const auto copies = storedCopies(history);
        std::size_t n = 0;
        for (std::size_t j = 0; j < kConns; ++j)
            for (const auto id : said[j]) n += !copies.count({"conn" + std::to_string(j), id});
        return n;
    };
    std::map<std::uint64_t, net::Chat> history;
    for (const auto deadline = Clock::now() + 10s;;) {
        for (auto& c : conns) c->drain(50ms);
        JoinedClient reader(server.port(), "reader");
        history = reliability::wholeHistory(reader);
        if (unstored(history) == 0 || Clock::now() > deadline) break;
    }
    REQUIRE_MESSAGE(unstored(history) == 0, unstored(history) << " messages never stored");
    for (auto& c : conns) c->drain(300ms);
    JoinedClient auditor(server.port(), "auditor");
    const auto& join = auditor.joined();

    // The record has no gap: seqs run 1..latest.
    REQUIRE_FALSE(history.empty());
    CHECK(history.begin()->first == 1);
    CHECK(history.rbegin()->first == history.size());
    CHECK(join.welcome.latestSeq == history.size());

    // Delivered or acknowledged before the kill ⇒ in the history, unchanged.
    std::size_t delivered = 0, acked = 0, maxBeforeKill = 0;
    for (std::size_t i = 0; i < kRaw; ++i) {
        // Not a structured binding: REQUIRE_MESSAGE captures the seq, and clang 14 cannot capture a binding.
        for (const auto& record : records[i].delivered) {
            const std::uint64_t seq = record.first;
            ++delivered;
            maxBeforeKill = std::max<std::size_t>(maxBeforeKill, seq);
            REQUIRE_MESSAGE(history.count(seq), "delivered seq " << seq << " is missing after the restart");
            CHECK(history.at(seq) == record.second);
        }
        acked += records[i].acked.size();
    }
    CHECK(join.welcome.latestSeq > maxBeforeKill); // seq continued after the restart

    // Each Connection message is stored exactly once (re-sent after the crash only if its echo was not in the
    // replay), and each Connection was shown every seq from its first on exactly once.
    auto copies = storedCopies(history);
    for (std::size_t j = 0; j < kConns; ++j) {
        const std::string me = "conn" + std::to_string(j);
        for (const auto id : said[j]) {
            const int stored = copies[std::make_pair(me, id)];
            CHECK_MESSAGE(stored == 1, me << " clientId " << id);
        }
        const auto seen = shown(*conns[j]);
        const auto starts = replayStarts(*conns[j]);
        REQUIRE_FALSE(seen.empty());
        std::uint64_t expect = seen.front().seq;
        for (const auto& c : seen) {
            if (c.seq > expect && starts.count(c.seq)) {
                MESSAGE(me << ": the replay after the restart began at " << c.seq << ", " << c.seq - expect
                           << " messages after the last one shown (in the history, paged in on scrolling)");
                expect = c.seq;
            }
            REQUIRE_MESSAGE(c.seq == expect,
                            me << " was shown seq " << c.seq << " where " << expect << " was due");
            CHECK(history.at(c.seq) == c);
            ++expect;
        }
        CHECK(seen.back().seq == history.rbegin()->first);
        const auto resumed =
            conns[j]->waitFor<net::WelcomeEvent>(0ms, [](const net::WelcomeEvent& w) { return w.resumed; });
        CHECK(resumed);
    }
    MESSAGE("history " << history.size() << " messages; before the kill the raw clients had " << delivered
                       << " deliveries and " << acked << " acknowledgements (max seq " << maxBeforeKill
                       << ")");
}

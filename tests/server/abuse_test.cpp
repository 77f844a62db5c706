// Hostile and broken input: each gets its documented error, and the server keeps serving everyone else.
#include <doctest/doctest.h>

#include <csignal>
#include <thread>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;

namespace {

std::string frame(std::uint32_t length, std::string_view payload) {
    std::string out;
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((length >> (8 * i)) & 0xFF));
    out.append(payload);
    return out;
}

// A Say frame carrying text bytes exactly as given (the codec would not let us build invalid ones otherwise).
std::string rawSay(std::uint64_t clientId, std::string_view text) {
    std::string p(1, static_cast<char>(net::MsgType::Say));
    for (int i = 7; i >= 0; --i) p.push_back(static_cast<char>((clientId >> (8 * i)) & 0xFF));
    p.push_back(static_cast<char>(text.size() >> 8));
    p.push_back(static_cast<char>(text.size() & 0xFF));
    p.append(text);
    return frame(static_cast<std::uint32_t>(p.size()), p);
}

// The witness is a joined client: after each attack it must still get its own echo.
void checkStillServing(TestClient& witness, const std::string& text) {
    witness.send(net::Say{77, text});
    const auto chat = witness.waitFor<net::Chat>(std::chrono::seconds(5));
    REQUIRE(chat);
    CHECK(chat->text == text);
}

void expectFatal(TestClient& c, net::ErrorCode code) {
    const auto e = c.expect<net::Error>();
    CHECK(e.code == code);
    CHECK(e.fatal);
    CHECK(c.isClosedByPeer(std::chrono::seconds(3)));
}

} // namespace

TEST_CASE("fatal framing errors: oversize, zero length, malformed payload") {
    ServerProcess server;
    JoinedClient witness(server.port(), "witness");

    struct Case {
        const char* name;
        std::string bytes;
        net::ErrorCode code;
    };
    const std::vector<Case> cases = {
        {"length above 64 KiB, no body", frame(net::kMaxFrameBytes + 1, ""), net::ErrorCode::FrameTooLarge},
        {"huge length", frame(0xFFFFFFFFu, "xyz"), net::ErrorCode::FrameTooLarge},
        {"zero length", frame(0, ""), net::ErrorCode::FrameTooLarge},
        {"truncated Say fields", frame(3, std::string("\x02\x00\x01", 3)), net::ErrorCode::Malformed},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        JoinedClient bad(server.port(), "attacker");
        bad.sendRaw(c.bytes);
        expectFatal(bad, c.code);
        checkStillServing(witness, c.name);
    }
}

TEST_CASE(
    "at the frame limit: 64 KiB exactly is read whole and answered, and a frame cut off by a close harms nobody") {
    ServerProcess server;
    JoinedClient witness(server.port(), "witness");

    // A Say whose frame is exactly the limit: read in full, refused for its text, the connection stays.
    JoinedClient big(server.port(), "big");
    const std::size_t overhead = 1 + 8 + 2; // type, clientId, the text's u16 length
    const std::string atLimit = rawSay(21, std::string(net::kMaxFrameBytes - overhead, 'x'));
    REQUIRE(atLimit.size() == 4 + net::kMaxFrameBytes);
    big.sendRaw(atLimit);
    const auto e = big.expect<net::Error>();
    CHECK(e.code == net::ErrorCode::TextTooLong);
    CHECK_FALSE(e.fatal);
    CHECK(e.clientId == 21);
    checkStillServing(big, "the big one is still connected");

    // Frames cut off by the sender going away: in the length prefix, and half way through the body.
    for (const std::size_t cut : {std::size_t{2}, atLimit.size() / 2}) {
        CAPTURE(cut);
        JoinedClient gone(server.port(), "gone");
        gone.sendRaw(std::string_view(atLimit).substr(0, cut));
        gone.close();
        const auto left = witness.waitFor<net::Left>(std::chrono::seconds(5));
        REQUIRE(left);
        CHECK(left->name == "gone");
        checkStillServing(witness, "after a cut-off frame");
    }
}

TEST_CASE("non-fatal input errors: invalid UTF-8, unknown type, bad text, second Hello") {
    ServerProcess server;
    JoinedClient a(server.port(), "a");

    a.sendRaw(rawSay(11, "bad \xC3\x28 utf8"));
    auto e = a.expect<net::Error>();
    CHECK(e.code == net::ErrorCode::InvalidUtf8);
    CHECK_FALSE(e.fatal);
    CHECK(e.clientId == 11);

    a.sendRaw(rawSay(12, "overlong \xC0\xAF"));
    CHECK(a.expect<net::Error>().code == net::ErrorCode::InvalidUtf8);

    a.sendRaw(frame(3, "\x55xy"));
    e = a.expect<net::Error>();
    CHECK(e.code == net::ErrorCode::UnknownType);
    CHECK_FALSE(e.fatal);

    a.send(net::Say{13, std::string(4097, 'x')});
    e = a.expect<net::Error>();
    CHECK(e.code == net::ErrorCode::TextTooLong);
    CHECK(e.clientId == 13);

    a.send(net::Say{14, "bell \x07"});
    CHECK(a.expect<net::Error>().code == net::ErrorCode::InvalidText);

    a.send(net::Say{15, " \n\t "});
    CHECK(a.expect<net::Error>().code == net::ErrorCode::EmptyText);

    const auto again = support::makeHello("other");
    a.send(again);
    e = a.expect<net::Error>();
    CHECK(e.code == net::ErrorCode::AlreadyJoined);
    CHECK_FALSE(e.fatal);

    // A server-to-client message sent by a client is ignored with UnknownType, whatever its payload: one
    // that does not fit that type's layout is no more Malformed than any other type the server never reads.
    a.send(net::Live{1, 2});
    CHECK(a.expect<net::Error>().code == net::ErrorCode::UnknownType);
    for (const char type : {'\x81', '\x83', '\x85', '\x87'}) {
        a.sendRaw(frame(2, std::string{type, '\x01'}));
        e = a.expect<net::Error>();
        CHECK(e.code == net::ErrorCode::UnknownType);
        CHECK_FALSE(e.fatal);
    }

    checkStillServing(a, "still here");
}

TEST_CASE("before Hello: Ping is answered, a server type is UnknownType, any other client message is "
          "HelloRequired, and a bad version is fatal") {
    ServerProcess server;
    TestClient a;
    a.connect(server.port());
    a.send(net::Ping{9});
    CHECK(a.expect<net::Pong>().nonce == 9);
    // A server type is unknown here before the Hello as after it: skipped, not fatal.
    a.sendRaw(frame(2, std::string{'\x82', '\x01'}));
    const auto unknown = a.expect<net::Error>();
    CHECK(unknown.code == net::ErrorCode::UnknownType);
    CHECK_FALSE(unknown.fatal);
    a.send(net::Say{1, "too early"});
    expectFatal(a, net::ErrorCode::HelloRequired);

    TestClient b;
    b.connect(server.port());
    net::Hello h;
    h.name = "future";
    h.version = 3; // a version after this one
    b.send(h);
    expectFatal(b, net::ErrorCode::BadVersion);
}

TEST_CASE("handshake timeout and slowloris frame timeout") {
    ServerProcess server(std::vector<std::string>{"--handshake-timeout-ms", "300"});
    TestClient silent;
    silent.connect(server.port());
    expectFatal(silent, net::ErrorCode::Timeout);

    JoinedClient loris(server.port(), "loris");
    const std::string whole = net::encode(net::Say{1, "never finished"});
    loris.sendRaw(whole.substr(0, whole.size() - 3));
    expectFatal(loris, net::ErrorCode::Timeout);
}

TEST_CASE("flooding: refused with RateLimited, then kicked with Flooding, others are unaffected") {
    ServerProcess server(std::vector<std::string>{"--rate", "5", "--burst", "10"});
    JoinedClient witness(server.port(), "witness");
    JoinedClient flooder(server.port(), "flooder");
    witness.expect<net::Joined>();

    // In one write, so the server reads them together: what it accepts of them is stored with the same
    // commit that follows the Flooding verdict, and the flooder still gets those echoes before its Error.
    std::string all;
    for (int i = 1; i <= 100; ++i) net::encode(net::Say{static_cast<std::uint64_t>(i), "spam"}, all);
    flooder.sendRaw(all);
    int chats = 0, limited = 0;
    std::optional<net::Error> fatal;
    while (!fatal) {
        auto m = flooder.receive(std::chrono::seconds(5));
        REQUIRE(m);
        if (std::holds_alternative<net::Chat>(*m)) ++chats;
        if (auto* e = std::get_if<net::Error>(&*m)) {
            if (e->code == net::ErrorCode::RateLimited) {
                CHECK_FALSE(e->fatal);
                ++limited;
            } else {
                fatal = *e;
            }
        }
    }
    CHECK(fatal->code == net::ErrorCode::Flooding);
    CHECK(fatal->fatal);
    CHECK(chats >= 10);
    CHECK(chats <= 12); // the burst, plus what the rate refilled meanwhile
    CHECK(limited == 50);
    CHECK(flooder.isClosedByPeer(std::chrono::seconds(3)));

    int seenByWitness = 0;
    std::optional<net::Left> left;
    while (!left) {
        auto m = witness.receive(std::chrono::seconds(5));
        REQUIRE(m);
        if (auto* c = std::get_if<net::Chat>(&*m); c && c->name == "flooder") ++seenByWitness;
        if (auto* l = std::get_if<net::Left>(&*m)) left = *l;
    }
    CHECK(seenByWitness == chats); // every stored message was echoed to its sender
    CHECK(left->name == "flooder");
    CHECK(left->reason == net::LeaveReason::Kicked);
    checkStillServing(witness, "after the flood");
}

TEST_CASE(
    "a client pacing itself is not taken for a flooder when a stalled server reads its messages all at once") {
    ServerProcess server(std::vector<std::string>{"--rate", "50", "--burst", "10"});
    JoinedClient witness(server.port(), "witness");
    JoinedClient steady(server.port(), "steady");
    witness.expect<net::Joined>();

    // 40 messages/s, under the limit, for 2 s while the server is stopped (a machine starved of CPU): they
    // wait in its socket and arrive together, 80 against a bucket of 10.
    REQUIRE(::kill(server.pid(), SIGSTOP) == 0);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 1; i <= 80; ++i) {
        std::this_thread::sleep_until(start + i * std::chrono::milliseconds(25));
        steady.send(net::Say{static_cast<std::uint64_t>(i), "steady " + std::to_string(i)});
    }
    REQUIRE(::kill(server.pid(), SIGCONT) == 0);

    // Refused beyond the bucket, as always (the client may send those again), but not cut off: 70 refusals
    // would otherwise be Flooding.
    int chats = 0, limited = 0;
    while (chats + limited < 80) {
        auto m = steady.receive(std::chrono::seconds(5));
        REQUIRE_MESSAGE(m, "after " << chats << " Chats and " << limited << " refusals");
        if (std::holds_alternative<net::Chat>(*m)) ++chats;
        if (auto* e = std::get_if<net::Error>(&*m)) {
            REQUIRE_MESSAGE(e->code == net::ErrorCode::RateLimited, support::describe(*m));
            ++limited;
        }
    }
    CHECK(limited > 50);
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the bucket refills
    checkStillServing(steady, "still here after the stall");
    CHECK_FALSE(witness.waitFor<net::Left>(std::chrono::milliseconds(300)));
}

TEST_CASE("a never-reading client is cut off while the others keep receiving everything") {
    ServerProcess server(std::vector<std::string>{"--max-queue-bytes", "262144", "--rate", "100000",
                                                  "--burst", "100000", "--max-message-bytes", "4000"});
    JoinedClient sender(server.port(), "sender");
    JoinedClient reader(server.port(), "reader");
    JoinedClient sloth(server.port(), "sloth");
    sender.expect<net::Joined>();
    sender.expect<net::Joined>();
    reader.expect<net::Joined>();

    // 8 MB total: far more than the kernel buffers plus the 256 KiB queue can hold for sloth (the cap must
    // still exceed one burst: a single 64 KiB read of the sender fans out whole to every queue).
    constexpr int kCount = 2000;
    const std::string text(3900, 'z');
    int got = 0, echoes = 0;
    bool slothLeft = false;
    // Keep the reader and the sender's own echo flowing so only sloth falls behind: each may lag at most
    // kLag messages (~125 KB, half the cap), waiting for them if need be. On a busy machine a sender that
    // only glanced at its socket fell 256 KiB behind and was cut off itself, with its last Says.
    constexpr int kLag = 32;
    const auto readReader = [&](std::chrono::milliseconds wait) {
        auto m = reader.receive(wait);
        if (!m) return false;
        if (std::holds_alternative<net::Chat>(*m)) ++got;
        if (auto* l = std::get_if<net::Left>(&*m)) slothLeft = slothLeft || l->name == "sloth";
        return true;
    };
    const auto readSender = [&](std::chrono::milliseconds wait) {
        auto m = sender.receive(wait);
        if (m && std::holds_alternative<net::Chat>(*m)) ++echoes;
        return m.has_value();
    };
    for (int i = 0; i < kCount; ++i) {
        sender.send(net::Say{static_cast<std::uint64_t>(i + 1), text});
        while (readReader(std::chrono::milliseconds(0))) {
        }
        while (readSender(std::chrono::milliseconds(0))) {
        }
        while (i + 1 - got > kLag) REQUIRE(readReader(std::chrono::seconds(10)));
        while (i + 1 - echoes > kLag) REQUIRE(readSender(std::chrono::seconds(10)));
    }
    while (got < kCount) {
        auto m = reader.receive(std::chrono::seconds(10));
        INFO("reader got " << got << " chats, closed " << reader.peerClosed() << "; server log:\n"
                           << server.stdoutSoFar());
        REQUIRE(m);
        if (std::holds_alternative<net::Chat>(*m)) ++got;
        if (auto* l = std::get_if<net::Left>(&*m)) {
            slothLeft = slothLeft || l->name == "sloth";
            if (l->name == "sloth") CHECK(l->reason == net::LeaveReason::Kicked);
        }
    }
    CHECK(got == kCount);
    CHECK(slothLeft);
    // sloth finally reads: some chats, perhaps the SlowReader error, then the close.
    CHECK(sloth.isClosedByPeer(std::chrono::seconds(5)));
}

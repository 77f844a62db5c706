// ClientSession is the client's protocol state without sockets: these cases drive it with the exact
// message sequences the server sends and check what reaches the UI and what goes back on the wire.
#include <doctest/doctest.h>

#include "net/backoff.hpp"
#include "net/client_session.hpp"
#include "support/numbered.hpp"

using namespace net;

namespace {

struct RecordingSink : ClientSession::Sink {
    std::vector<Event> events;
    std::vector<Message> sent;
    std::vector<std::uint64_t> freed;
    void emit(Event e) override { events.push_back(std::move(e)); }
    void send(const Message& m) override { sent.push_back(m); }
    void released(std::uint64_t id) override { freed.push_back(id); }
};

Chat chat(std::uint64_t seq, std::string name = "bob", std::uint64_t clientId = 0) {
    return Chat{seq, 1000 + seq, std::move(name), "127.0.0.1", clientId, support::numbered("m", seq)};
}

Welcome welcome(std::string name, std::uint64_t latest) {
    Token t{};
    t[0] = 7;
    return Welcome{kProtocolVersion, std::move(name), "127.0.0.1", t, latest, 4096, 5000};
}

/// Runs a whole join: Welcome, the given replay, Live, Users.
void join(ClientSession& s, RecordingSink& sink, std::uint64_t latest, const std::vector<Message>& replay) {
    s.begin();
    s.onMessage(welcome(s.name(), latest), sink);
    for (const auto& m : replay) s.onMessage(m, sink);
    s.onMessage(Live{latest, 0}, sink);
    s.onMessage(Users{{s.name(), "bob"}}, sink);
}

} // namespace

TEST_CASE("the join sequence becomes one WelcomeEvent with history, privates and users") {
    ClientSession s("alice");
    RecordingSink sink;
    const Hello hello = s.begin();
    CHECK(hello.name == "alice");
    CHECK(hello.lastSeq == 0);
    s.onMessage(welcome("alice", 2), sink);
    s.onMessage(chat(1), sink);
    s.onMessage(chat(2), sink);
    s.onMessage(Private{4, 9, "bob", "127.0.0.1", "alice", 0, kPrivateReplay | kPrivateStored, "psst"}, sink);
    CHECK(sink.events.empty()); // nothing shows before the join is complete
    s.onMessage(Live{2, 2}, sink);
    s.onMessage(Users{{"alice", "bob"}}, sink);
    REQUIRE(sink.events.size() == 1);
    const auto& w = std::get<WelcomeEvent>(sink.events[0]);
    CHECK(w.you == "alice");
    CHECK_FALSE(w.resumed);
    CHECK(w.history.size() == 2);
    CHECK(w.privates.size() == 1);
    CHECK(w.users == std::vector<std::string>{"alice", "bob"});
    CHECK(s.joined());
    CHECK(s.lastSeq() == 2);
    CHECK(s.lastPrivateSeq() == 4);
}

TEST_CASE("duplicates are dropped and the resume point goes into the next Hello") {
    ClientSession s("alice");
    RecordingSink sink;
    join(s, sink, 3, {chat(1), chat(2), chat(3)});
    s.onMessage(chat(3), sink); // a duplicate of the replay
    s.onMessage(chat(4), sink);
    s.onMessage(chat(4), sink);
    CHECK(sink.events.size() == 2); // WelcomeEvent + one Chat 4
    s.end();
    const Hello again = s.begin();
    CHECK(again.lastSeq == 4);
    CHECK(again.resumeToken[0] == 7);
    s.onMessage(welcome("alice", 5), sink);
    s.onMessage(chat(4), sink);
    s.onMessage(chat(5), sink);
    s.onMessage(Live{5, 2}, sink);
    s.onMessage(Users{{"alice"}}, sink);
    const auto& w = std::get<WelcomeEvent>(sink.events.back());
    CHECK(w.resumed);
    REQUIRE(w.history.size() == 1);
    CHECK(w.history[0].seq == 5);
}

TEST_CASE("a join that breaks off is forgotten, so the next one replays it") {
    ClientSession s("alice");
    RecordingSink sink;
    s.begin();
    s.onMessage(welcome("alice", 2), sink);
    s.onMessage(chat(1), sink);
    s.onMessage(chat(2), sink);
    s.end();
    CHECK(s.lastSeq() == 0);
    CHECK(sink.events.empty());
}

TEST_CASE(
    "the outbox waits offline, drops what the replay acknowledges and re-sends the rest after the join") {
    ClientSession s("alice");
    RecordingSink sink;
    s.submit(Say{11, "first"}, sink);
    s.submit(Say{12, "second"}, sink);
    s.submit(Whisper{13, "bob", "third"}, sink);
    CHECK(s.sendQueued(sink, 10) == 0); // not joined: nothing goes out
    CHECK(sink.sent.empty());
    CHECK(s.outboxSize() == 3);
    // The server had stored "first" before the link broke: its echo is in the replay.
    join(s, sink, 1, {chat(1, "Alice", 11)});
    CHECK(sink.freed == std::vector<std::uint64_t>{11});
    CHECK(s.hasQueued());
    CHECK(s.sendQueued(sink, 1) == 1); // the owner paces: one now, the rest later
    CHECK(s.sendQueued(sink, 10) == 1);
    CHECK_FALSE(s.hasQueued());
    REQUIRE(sink.sent.size() == 2);
    CHECK(std::get<Say>(sink.sent[0]).clientId == 12);
    CHECK(std::get<Whisper>(sink.sent[1]).clientId == 13);
    s.onMessage(chat(2, "alice", 12), sink);
    s.onMessage(Private{1, 5, "alice", "127.0.0.1", "bob", 13, 0, "third"}, sink);
    CHECK(s.outboxSize() == 0);
    CHECK(sink.freed.size() == 3);
}

TEST_CASE("what was sent on a broken connection is sent again on the next one") {
    ClientSession s("alice");
    RecordingSink sink;
    join(s, sink, 0, {});
    s.submit(Say{51, "lost in transit"}, sink);
    CHECK(s.sendQueued(sink, 10) == 1);
    CHECK_FALSE(s.hasQueued());
    s.end();
    CHECK(s.hasQueued());
    join(s, sink, 0, {});
    CHECK(s.sendQueued(sink, 10) == 1);
    CHECK(std::get<Say>(sink.sent.back()).clientId == 51);
}

TEST_CASE("someone else's echo with our clientId does not acknowledge our message") {
    ClientSession s("alice");
    RecordingSink sink;
    join(s, sink, 0, {});
    s.submit(Say{21, "hi"}, sink);
    s.onMessage(chat(1, "bob", 21), sink);
    CHECK(s.outboxSize() == 1);
}

TEST_CASE("a refused message leaves the outbox and the UI gets the Error") {
    ClientSession s("alice");
    RecordingSink sink;
    join(s, sink, 0, {});
    s.submit(Say{31, "hi"}, sink);
    s.onMessage(Error{ErrorCode::RateLimited, false, 31, "slow down"}, sink);
    CHECK(s.outboxSize() == 0);
    CHECK(sink.freed == std::vector<std::uint64_t>{31});
    CHECK(std::get<Error>(sink.events.back()).clientId == 31);
}

TEST_CASE("messages a read-only room refused stay in the outbox, held until it takes messages, then go in "
          "order") {
    ClientSession s("alice");
    RecordingSink sink;
    join(s, sink, 0, {});
    s.submit(Say{41, "first"}, sink);
    s.submit(Say{42, "second"}, sink);
    s.submit(Say{43, "third"}, sink);
    CHECK(s.sendQueued(sink, 10) == 3);
    s.onMessage(chat(1, "alice", 41), sink); // stored before the store failed
    s.onMessage(Error{ErrorCode::StoreUnavailable, false, 42, "the room's store is unavailable"}, sink);
    CHECK(s.outboxSize() == 2);                          // 42 and, behind it, 43: neither is dropped
    CHECK(sink.freed == std::vector<std::uint64_t>{41}); // only the stored one: the UI keeps both pending
    CHECK(s.readOnly());
    CHECK(std::get<RoomState>(sink.events.back()).readOnly); // the UI says so, no error prompt
    CHECK_FALSE(s.hasQueued());                              // nothing goes out while the room is read-only
    CHECK(s.sendQueued(sink, 10) == 0);
    const std::size_t sentBefore = sink.sent.size();
    s.onMessage(RoomState{false, ""}, sink);
    CHECK_FALSE(s.readOnly());
    REQUIRE(s.sendQueued(sink, 10) == 2);
    CHECK(std::get<Say>(sink.sent[sentBefore]).clientId == 42);
    CHECK(std::get<Say>(sink.sent[sentBefore + 1]).clientId == 43);
    s.end(); // a new connection starts writable: its server says otherwise right after Welcome
    CHECK_FALSE(s.readOnly());
}

TEST_CASE("text the server would refuse is refused locally with the same code") {
    ClientSession s("alice");
    RecordingSink sink;
    s.submit(Say{41, "   "}, sink);
    s.submit(Whisper{42, " bad name", "hi"}, sink);
    s.submit(Say{43, std::string(5000, 'x')}, sink);
    CHECK(s.outboxSize() == 0);
    REQUIRE(sink.events.size() == 3);
    CHECK(std::get<Error>(sink.events[0]).code == ErrorCode::EmptyText);
    CHECK(std::get<Error>(sink.events[1]).code == ErrorCode::InvalidRecipient);
    CHECK(std::get<Error>(sink.events[2]).code == ErrorCode::TextTooLong);
    CHECK(sink.freed.size() == 3);
}

TEST_CASE("errors about the name stop retrying, other fatal errors retry, the rest are events") {
    ClientSession s("alice");
    RecordingSink sink;
    s.begin();
    auto out = s.onMessage(Error{ErrorCode::NameTaken, false, 0, "taken"}, sink);
    CHECK(out.verdict == ClientSession::Verdict::Stop);
    CHECK(out.code == ErrorCode::NameTaken);
    out = s.onMessage(Error{ErrorCode::Replaced, true, 0, ""}, sink);
    CHECK(out.verdict == ClientSession::Verdict::Stop);
    out = s.onMessage(Error{ErrorCode::ShuttingDown, true, 0, ""}, sink);
    CHECK(out.verdict == ClientSession::Verdict::Retry);
    out = s.onMessage(Error{ErrorCode::ServerFull, true, 0, ""}, sink);
    CHECK(out.verdict == ClientSession::Verdict::Retry);
    out = s.onMessage(Error{ErrorCode::AlreadyJoined, false, 0, ""}, sink);
    CHECK(out.verdict == ClientSession::Verdict::Continue);
    // The errors that stop are events too (the UI says why and asks); those that retry are not.
    REQUIRE(sink.events.size() == 3);
    CHECK(std::get<Error>(sink.events[0]).code == ErrorCode::NameTaken);
    CHECK(std::get<Error>(sink.events[1]).code == ErrorCode::Replaced);
    CHECK(std::get<Error>(sink.events[2]).code == ErrorCode::AlreadyJoined);
}

TEST_CASE("live events between Live and Users are shown after the WelcomeEvent, and Ping gets a Pong") {
    ClientSession s("alice");
    RecordingSink sink;
    s.begin();
    s.onMessage(welcome("alice", 0), sink);
    s.onMessage(Live{0, 0}, sink);
    s.onMessage(Joined{1, "carol", "127.0.0.1", 3}, sink);
    s.onMessage(Users{{"alice", "bob"}}, sink);
    REQUIRE(sink.events.size() == 2);
    CHECK(std::holds_alternative<WelcomeEvent>(sink.events[0]));
    CHECK(std::holds_alternative<Joined>(sink.events[1]));
    s.onMessage(Ping{77}, sink);
    CHECK(std::get<Pong>(sink.sent.back()).nonce == 77);
}

TEST_CASE("a server with a shorter history than ours is followed from its own latest seq") {
    ClientSession s("alice");
    RecordingSink sink;
    join(s, sink, 50, {chat(50)});
    s.end();
    s.begin();
    s.onMessage(welcome("alice", 3), sink);
    s.onMessage(Live{3, 0}, sink);
    s.onMessage(Users{{"alice"}}, sink);
    s.onMessage(chat(4), sink);
    CHECK(std::get<Chat>(sink.events.back()).seq == 4);
}

TEST_CASE("backoff doubles from min to max with jitter in [d/2, d] and resets") {
    Backoff b(std::chrono::milliseconds(100), std::chrono::milliseconds(1000), 42);
    const long expected[] = {100, 200, 400, 800, 1000, 1000, 1000};
    for (long d : expected) {
        const long got = b.next().count();
        CHECK(got >= d / 2);
        CHECK(got <= d);
    }
    for (int i = 0; i < 100; ++i) CHECK(b.next().count() <= 1000); // no overflow after many failures
    b.reset();
    CHECK(b.next().count() <= 100);
}

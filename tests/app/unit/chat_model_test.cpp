#include <algorithm>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/model/chat_model.hpp"
#include "app/text/natural_order.hpp"
#include "app/text/text_fold.hpp"
#include "net/validation.hpp"

using app::ChatModel;
using app::EntryKind;
using app::Lang;

namespace {

const app::Now kNow{1000, 1'700'000'000'000};

net::Chat chat(std::uint64_t seq, std::string name, std::string text, std::uint64_t clientId = 0) {
    return net::Chat{seq,      1'700'000'000'000 + seq, std::move(name), "10.0.0." + std::to_string(seq % 7),
                     clientId, std::move(text)};
}

net::WelcomeEvent welcome(std::string you, std::vector<net::Chat> history, std::vector<std::string> users,
                          bool resumed = false) {
    net::WelcomeEvent w;
    w.you = std::move(you);
    w.ip = "127.0.0.1";
    w.latestSeq = history.empty() ? 0 : history.back().seq;
    w.resumed = resumed;
    w.users = std::move(users);
    w.history = std::move(history);
    return w;
}

/// The room as "kind:text" lines, for compact comparisons.
std::vector<std::string> lines(const ChatModel& m, std::size_t conv = ChatModel::kRoom) {
    std::vector<std::string> out;
    const app::Conversation& c = m.conversation(conv);
    for (std::size_t i = 0; i < c.size(); ++i) {
        const char* kind = "";
        switch (c[i].kind) {
        case EntryKind::Chat: kind = "chat"; break;
        case EntryKind::Private: kind = "private"; break;
        case EntryKind::Notice: kind = "notice"; break;
        case EntryKind::Separator: kind = "sep"; break;
        case EntryKind::Prompt: kind = "prompt"; break;
        }
        const char* state = (c[i].flags & app::kEntryPending)  ? " (sending)"
                            : (c[i].flags & app::kEntryFailed) ? " (failed)"
                                                               : "";
        out.push_back(std::string(kind) + ":" + std::string(m.text(c[i])) + state);
    }
    return out;
}

} // namespace

TEST_CASE("chat_model: history, then the separator, then live messages") {
    ChatModel m(Lang::Zh);
    m.apply(net::ConnectingEvent{"127.0.0.1:12000", 1}, kNow);
    CHECK(m.link().state == app::LinkState::Connecting);
    m.apply(net::ConnectedEvent{"127.0.0.1:12000"}, kNow);
    CHECK(m.link().state == app::LinkState::Joining);
    m.apply(welcome("bob", {chat(1, "alice", "早上好"), chat(2, "carol", "hi")}, {"carol", "bob", "Alice"}),
            kNow);
    CHECK(m.link().state == app::LinkState::Online);
    CHECK(m.me() == "bob");
    CHECK(m.users() == std::vector<std::string>{"Alice", "bob", "carol"});
    m.apply(chat(3, "alice", "hi 你好聊"), kNow);
    CHECK(lines(m) ==
          std::vector<std::string>{"chat:早上好", "chat:hi", "sep:----以上是历史记录----", "chat:hi 你好聊"});
    const app::Entry& e = m.room()[3];
    CHECK(m.name(e) == "alice");
    CHECK(m.ip(e) == "10.0.0.3");
    CHECK(e.timeMs == 1'700'000'000'003);
}

TEST_CASE("chat_model: no separator without history (as the lab), duplicates are dropped") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {}, {"bob"}), kNow);
    m.apply(chat(5, "bob", "one"), kNow);
    m.apply(chat(5, "bob", "one"), kNow);
    m.apply(chat(4, "bob", "older"), kNow);
    CHECK(lines(m) == std::vector<std::string>{"chat:one"});
    CHECK((m.room()[0].flags & app::kEntryFromMe) != 0);
}

TEST_CASE("chat_model: join and leave notices carry the head-count, the user list follows") {
    ChatModel m(Lang::Zh);
    m.apply(welcome("bob", {}, {"bob"}), kNow);
    m.apply(net::Joined{1, "alice", "10.0.0.1", 2}, kNow);
    m.apply(net::Joined{2, "carol", "10.0.0.2", 3}, kNow);
    CHECK(m.users() == std::vector<std::string>{"alice", "bob", "carol"});
    CHECK(m.isOnline("ALICE"));
    m.apply(net::Left{3, "ALICE", net::LeaveReason::Bye, 2}, kNow);
    CHECK(m.users() == std::vector<std::string>{"bob", "carol"});
    CHECK_FALSE(m.isOnline("alice"));
    // One line that grows while nothing else is said, and starts anew after a message or a minute.
    CHECK(lines(m) ==
          std::vector<std::string>{"notice:2 人加入（alice、carol），1 人离开（ALICE），当前 2 人"});
    m.apply(chat(1, "carol", "hi"), kNow);
    m.apply(net::Joined{4, "dave", "10.0.0.3", 3}, kNow);
    m.apply(net::Joined{60'004, "erin", "10.0.0.4", 4}, kNow);
    CHECK(lines(m) == std::vector<std::string>{
                          "notice:2 人加入（alice、carol），1 人离开（ALICE），当前 2 人", "chat:hi",
                          "notice:dave 加入了聊天室，当前 3 人", "notice:erin 加入了聊天室，当前 4 人"});
}

TEST_CASE("chat_model: a look-alike spelling of someone online is the same user, listed once") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {}, {"alice", "bob"}), kNow);
    m.apply(net::Joined{1, "\u0430lice", "10.0.0.1", 2}, kNow); // Cyrillic а
    CHECK(m.users() == std::vector<std::string>{"alice", "bob"});
    CHECK(m.isOnline("\u0430lice"));
    m.apply(net::Left{2, "\u0430lice", net::LeaveReason::Bye, 1}, kNow);
    CHECK(m.users() == std::vector<std::string>{"bob"});
}

TEST_CASE("chat_model: a flood of 500 arrivals and departures is one line, its count exact") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {}, {"bob"}), kNow);
    for (std::uint32_t i = 0; i < 500; ++i) {
        m.apply(net::Joined{1000 + i, "g" + std::to_string(i), "10.0.0.9", 2}, kNow);
        m.apply(net::Left{1000 + i, "g" + std::to_string(i), net::LeaveReason::Bye, 1}, kNow);
    }
    CHECK(
        lines(m) ==
        std::vector<std::string>{
            "notice:500 joined (g0, g1, g2, g3, g4\u2026), 500 left (g0, g1, g2, g3, g4\u2026) \u2014 1 online"});
    CHECK(m.room().tailEdits() == 999);
}

TEST_CASE("chat_model: a Presence batch names the first few, counts the rest, and updates the user list") {
    ChatModel m(Lang::Zh);
    m.apply(welcome("bob", {}, {"bob", "dora"}), kNow);
    m.apply(net::Presence{5, 8, 7, {"a1", "a2", "a3", "a4", "a5", "a6", "a7"}, 1, {"dora"}}, kNow);
    auto users = m.users(); // in the list's own order (by name key); compared as a set here
    std::sort(users.begin(), users.end());
    CHECK(users == std::vector<std::string>{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "bob"});
    CHECK(lines(m) ==
          std::vector<std::string>{"notice:7 人加入（a1、a2、a3、a4、a5…），1 人离开（dora），当前 8 人"});
    ChatModel en(Lang::En);
    en.apply(welcome("bob", {}, {"bob"}), kNow);
    en.apply(net::Presence{5, 3, 2, {"a1", "a2"}, 0, {}}, kNow);
    CHECK(lines(en) == std::vector<std::string>{"notice:2 joined (a1, a2) \u2014 3 online"});
}

TEST_CASE("chat_model: a Presence batch applied to a list taken during it gives the list after it") {
    // Taken during the batch: a1 had joined, Dora had left; then DORA came back under another spelling.
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {}, {"a1", "bob", "carol"}), kNow);
    m.apply(net::Presence{5, 4, 2, {"a1", "DORA"}, 2, {"dora", "x9"}}, kNow);
    CHECK(m.users() == std::vector<std::string>{"a1", "bob", "carol", "DORA"}); // by name key, once each
    // Joined during the batch, bob finds itself in it: not announced to itself.
    m.apply(net::Presence{5, 4, 2, {"bob", "erin"}, 0, {}}, kNow);
    CHECK(lines(m).back() == "notice:3 joined (a1, DORA, erin), 2 left (dora, x9) \u2014 4 online");
    // A big batch: thousands of names in one frame.
    net::Presence big{6, 0, 0, {}, 0, {"carol"}};
    for (int i = 0; i < 3000; ++i) big.joined.push_back("m" + std::to_string(10000 + i));
    big.joinedCount = 3000;
    big.leftCount = 1;
    m.apply(big, kNow);
    CHECK(m.users().size() == 3004); // a1, bob, DORA, erin and the 3000
    CHECK(std::is_sorted(m.users().begin(), m.users().end(), [](const std::string& a, const std::string& b) {
        std::string fa, fb;
        app::foldCase(a, fa);
        app::foldCase(b, fb);
        return app::naturalLess(fa, fb);
    }));
}

TEST_CASE("chat_model: unread private messages are others' new ones, never our own, once each") {
    ChatModel m(Lang::En);
    net::WelcomeEvent first = welcome("bob", {}, {"bob", "alice"});
    first.privates = {net::Private{1, 10, "alice", "10.0.0.1", "bob", 0, net::kPrivateReplay, "old news"},
                      net::Private{2, 11, "alice", "10.0.0.1", "bob", 0,
                                   net::kPrivateReplay | net::kPrivateStored, "waited in the mailbox"}};
    m.apply(first, kNow);
    const std::size_t alice = m.findPrivate("alice");
    REQUIRE(alice != ChatModel::kRoom);
    CHECK(m.conversation(alice).unread == 1); // the mail; the history replayed on joining is not news
    m.conversation(alice).unread = 0;         // the user looked
    m.apply(net::Private{3, 12, "bob", "127.0.0.1", "alice", 5, 0, "/msg from the room tab"}, kNow);
    CHECK(m.conversation(alice).unread == 0); // our own words
    // A reconnect replays what came meanwhile, and again what we already hold: the new one counts, once.
    m.apply(net::DisconnectedEvent{"lost", 1000}, kNow);
    net::WelcomeEvent again = welcome("bob", {}, {"bob", "alice"});
    again.privates = {
        net::Private{3, 12, "bob", "127.0.0.1", "alice", 5, net::kPrivateReplay, "/msg from the room tab"},
        net::Private{4, 13, "alice", "10.0.0.1", "bob", 0, net::kPrivateReplay, "while you were away"}};
    m.apply(again, kNow);
    CHECK(m.conversation(alice).unread == 1);
    CHECK(lines(m, alice).back() == "private:while you were away");
}

TEST_CASE("chat_model: private messages go to the peer's conversation, with the offline note") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {}, {"bob", "alice"}), kNow);
    m.apply(net::Private{1, 10, "alice", "10.0.0.1", "bob", 0, 0, "psst"}, kNow);
    m.apply(net::Private{2, 11, "bob", "127.0.0.1", "Alice", 7, 0, "yes?"}, kNow);
    m.apply(net::Private{3, 12, "bob", "127.0.0.1", "dave", 8, net::kPrivateStored, "later"}, kNow);
    CHECK(m.room().empty()); // nobody else's eyes: not in the room
    const std::size_t alice = m.findPrivate("ALICE");
    REQUIRE(alice != ChatModel::kRoom);
    CHECK(m.conversation(alice).title == "alice");
    CHECK(lines(m, alice) == std::vector<std::string>{"private:psst", "private:yes?"});
    CHECK((m.conversation(alice)[1].flags & app::kEntryFromMe) != 0);
    const std::size_t dave = m.findPrivate("dave");
    REQUIRE(dave != ChatModel::kRoom);
    CHECK(lines(m, dave) ==
          std::vector<std::string>{"private:later",
                                   "notice:offline \u2014 will be delivered when they connect"});
    CHECK((m.conversation(dave)[0].flags & app::kEntryStored) != 0);
    // A replayed copy of a private message already held is not shown twice.
    m.apply(net::Private{2, 11, "bob", "127.0.0.1", "Alice", 7, net::kPrivateReplay, "yes?"}, kNow);
    CHECK(m.conversation(alice).size() == 2);
}

TEST_CASE("chat_model: a refused message shows its reason where it was sent") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {}, {"bob", "alice"}), kNow);
    const std::size_t alice = m.openPrivate("alice");
    m.addPending(42, alice, "hi alice", kNow);
    CHECK(lines(m, alice) == std::vector<std::string>{"private:hi alice (sending)"});
    m.apply(net::Error{net::ErrorCode::RateLimited, false, 42, ""}, kNow);
    CHECK(lines(m, alice) == std::vector<std::string>{"private:hi alice (failed)",
                                                      "prompt:not sent: sending too fast, wait a moment"});
    CHECK(m.isFailed(alice, 0));
    // Retried: pending again under its new id, and the echo puts the stored message in its place.
    m.retrying(alice, 0, 43);
    CHECK(lines(m, alice)[0] == "private:hi alice (sending)");
    m.apply(net::Private{5, 1000, "bob", "127.0.0.1", "alice", 43, 0, "hi alice"}, kNow);
    CHECK(lines(m, alice) ==
          std::vector<std::string>{"private:hi alice", "prompt:not sent: sending too fast, wait a moment"});
    CHECK(m.conversation(alice)[0].seq == 5);
    m.apply(net::Error{net::ErrorCode::NameTaken, false, 0, "bob"}, kNow);
    CHECK(m.link().state == app::LinkState::Offline);
}

TEST_CASE("chat_model: typed while offline, shown at once as sending, then as sent in its place") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {chat(1, "alice", "a")}, {"bob", "alice"}), kNow);
    m.apply(net::DisconnectedEvent{"connection reset", 2000}, kNow);
    m.addPending(7, ChatModel::kRoom, "typed offline", kNow);
    m.addPending(8, ChatModel::kRoom, "and again", kNow);
    CHECK(lines(m) == std::vector<std::string>{"chat:a", "sep:---- above is history ----",
                                               "chat:typed offline (sending)", "chat:and again (sending)"});
    CHECK(m.name(m.room()[2]) == "bob");
    // Back: what alice said meanwhile is replayed, then our two are stored: each replaces its pending line.
    m.apply(welcome("bob", {chat(1, "alice", "a"), chat(2, "alice", "meanwhile")}, {"bob", "alice"}, true),
            kNow);
    net::Chat echo = chat(3, "bob", "typed offline");
    echo.clientId = 7;
    m.apply(echo, kNow);
    echo = chat(4, "bob", "and again");
    echo.clientId = 8;
    m.apply(echo, kNow);
    CHECK(lines(m) == std::vector<std::string>{"chat:a", "sep:---- above is history ----",
                                               "chat:typed offline", "chat:and again", "chat:meanwhile",
                                               "notice:reconnected"});
    CHECK(m.room()[2].seq == 3);
    CHECK(m.room()[3].seq == 4);
    // A replay of the same echoes adds nothing.
    m.apply(echo, kNow);
    CHECK(m.room().size() == 6);
}

TEST_CASE("chat_model: reconnecting shows the countdown, resuming appends only what was missed") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {chat(1, "alice", "a")}, {"bob"}), kNow);
    m.apply(net::DisconnectedEvent{"connection reset", 2000}, kNow);
    CHECK(m.link().state == app::LinkState::Reconnecting);
    CHECK(m.link().retryAtMs == kNow.steadyMs + 2000);
    m.apply(welcome("bob", {chat(1, "alice", "a"), chat(2, "alice", "b")}, {"bob"}, true), kNow);
    CHECK(lines(m) == std::vector<std::string>{"chat:a", "sep:---- above is history ----", "chat:b",
                                               "notice:reconnected"});
    m.apply(net::DisconnectedEvent{"closed", -1, net::ErrorCode::None, net::DisconnectCause::ServerClosed},
            kNow);
    CHECK(m.link().state == app::LinkState::Offline);
    CHECK(m.link().reason == "the server closed the connection");
}

TEST_CASE(
    "chat_model: a replay cut after a long absence starts the room over, and scrolling up fills the gap") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {chat(1, "alice", "a"), chat(2, "alice", "b")}, {"bob"}), kNow);
    m.apply(net::DisconnectedEvent{"connection reset", 2000}, kNow);
    const auto epoch = m.room().epoch();
    // Messages 3 to 6 were missed, but the server replays only 7 and 8 (its replay is bounded).
    m.apply(welcome("bob", {chat(7, "alice", "g"), chat(8, "alice", "h")}, {"bob"}, true), kNow);
    CHECK(m.room().epoch() != epoch); // the views start over
    const std::string missed =
        "notice:the 4 messages you missed while away come before this point: scroll up to load them";
    CHECK(lines(m) == std::vector<std::string>{missed, "chat:g", "chat:h", "notice:reconnected"});
    CHECK(m.room()[0].timeMs == m.room()[1].timeMs); // no day divider between the notice and the replay

    REQUIRE(m.canRequestOlder());
    CHECK(m.olderBefore() == 7);
    m.markOlderRequested();
    m.apply(net::HistoryPage{7,
                             false,
                             {chat(6, "alice", "f"), chat(5, "alice", "e"), chat(4, "alice", "d"),
                              chat(3, "alice", "c"), chat(2, "alice", "b"), chat(1, "alice", "a")}},
            kNow);
    CHECK(lines(m) == std::vector<std::string>{"notice:beginning of history", "chat:a", "chat:b", "chat:c",
                                               "chat:d", "chat:e", "chat:f", missed, "chat:g", "chat:h",
                                               "notice:reconnected"});
    m.apply(chat(9, "alice", "i"), kNow); // live again, after everything
    CHECK(lines(m).back() == "chat:i");

    // A replay that continues where we were leaves the room as it is.
    m.apply(net::DisconnectedEvent{"connection reset", 2000}, kNow);
    const auto kept = m.room().epoch();
    m.apply(welcome("bob", {chat(10, "alice", "j")}, {"bob"}, true), kNow);
    CHECK(m.room().epoch() == kept);
    CHECK(lines(m).size() == 14);
}

TEST_CASE("chat_model: older history pages go in front, once, until the start") {
    ChatModel m(Lang::En);
    m.apply(welcome("bob", {chat(5, "alice", "e"), chat(6, "alice", "f")}, {"bob"}), kNow);
    REQUIRE(m.canRequestOlder());
    CHECK(m.olderBefore() == 5);
    m.markOlderRequested();
    CHECK_FALSE(m.canRequestOlder());
    m.apply(net::HistoryPage{5, true, {chat(4, "alice", "d"), chat(3, "alice", "c")}}, kNow);
    CHECK(m.room().frontPushes() == 2);
    CHECK(m.olderBefore() == 3);
    m.markOlderRequested();
    m.apply(net::HistoryPage{3, false, {chat(2, "alice", "b"), chat(1, "alice", "a")}}, kNow);
    CHECK_FALSE(m.canRequestOlder());
    CHECK(lines(m) == std::vector<std::string>{"notice:beginning of history", "chat:a", "chat:b", "chat:c",
                                               "chat:d", "chat:e", "chat:f",
                                               "sep:---- above is history ----"});
}

TEST_CASE("chat_model: every stored string reaches the glyph observer") {
    ChatModel m(Lang::Zh);
    std::string seen;
    m.setTextObserver([&](std::string_view s) { seen += s; });
    m.apply(welcome("陈磊", {}, {"陈磊"}), kNow);
    m.apply(chat(1, "张三", "你好聊"), kNow);
    CHECK(seen.find("陈磊") != std::string::npos);
    CHECK(seen.find("张三") != std::string::npos);
    CHECK(seen.find("你好聊") != std::string::npos);
}

TEST_CASE("chat_model: a /me text is shown, copied and searched as \"* name action\"") {
    ChatModel m(Lang::Zh);
    m.apply(welcome("bob", {}, {"bob", "alice"}), kNow);
    m.apply(chat(1, "alice", "/me 挥挥手"), kNow);
    m.apply(chat(2, "alice", "/meh not an action"), kNow);
    REQUIRE(m.room().size() == 2);
    CHECK(m.text(m.room()[0]) == "* alice 挥挥手");
    CHECK((m.room()[0].flags & app::kEntryAction) != 0);
    CHECK(m.text(m.room()[1]) == "/meh not an action");
    m.addPending(9, ChatModel::kRoom, "/me 也挥挥手", kNow);
    REQUIRE(m.room().size() == 3);
    CHECK(m.text(m.room()[2]) == "* bob 也挥挥手");
}

TEST_CASE("chat_model: the user list is in natural order: b2 before b10, letter case aside") {
    ChatModel m(Lang::En);
    m.apply(welcome("b1", {}, {"b10", "b2", "B0", "b1", "a", "b02", "c9x", "c10"}), kNow);
    CHECK(m.users() == std::vector<std::string>{"a", "B0", "b1", "b2", "b02", "b10", "c9x", "c10"});
    m.apply(net::Joined{1000, "b3", "127.0.0.1", 9}, kNow);
    CHECK(m.users() == std::vector<std::string>{"a", "B0", "b1", "b2", "b02", "b3", "b10", "c9x", "c10"});
}

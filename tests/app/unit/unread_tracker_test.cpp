// What the user has not seen: the count in the title, the marker's position, requests for attention.
#include <doctest/doctest.h>

#include <string>

#include "app/model/chat_model.hpp"
#include "app/model/unread_tracker.hpp"
#include "support/numbered.hpp"

using app::ChatModel;
using Watch = app::UnreadTracker::Watch;

namespace {

net::Chat chat(std::uint64_t seq, std::string name, std::string text) {
    return net::Chat{seq, 1'700'000'000'000 + seq, std::move(name), "10.0.0.1", 0, std::move(text)};
}

void join(ChatModel& m, std::uint64_t historyUpTo) {
    net::WelcomeEvent w;
    w.you = "bob";
    w.users = {"alice", "bob"};
    w.latestSeq = historyUpTo;
    for (std::uint64_t s = 1; s <= historyUpTo; ++s)
        w.history.push_back(chat(s, "alice", "old " + std::to_string(s)));
    m.apply(w, {});
}

const Watch kUnfocused{false, ChatModel::kRoom, true};
const Watch kWatching{true, ChatModel::kRoom, true};
const Watch kScrolledUp{true, ChatModel::kRoom, false};

} // namespace

TEST_CASE("unread: history on joining is not unread, messages while unfocused are, from the first one on") {
    ChatModel m(app::Lang::En);
    app::UnreadTracker t;
    join(m, 5); // entries 0..4 history, 5 the separator
    CHECK_FALSE(t.update(m, kUnfocused));
    CHECK(t.total() == 0);
    CHECK_FALSE(t.marker(m, ChatModel::kRoom).has_value());

    m.apply(chat(6, "alice", "one"), {});
    m.apply(chat(7, "bob", "my own message"), {}); // ours: never unread
    m.apply(chat(8, "alice", "two"), {});
    CHECK_FALSE(t.update(m, kUnfocused)); // nothing that asks for attention
    m.apply(chat(9, "carol", "three"), {});
    t.update(m, kUnfocused);
    CHECK(t.total() == 3);
    REQUIRE(t.marker(m, ChatModel::kRoom).has_value());
    CHECK(*t.marker(m, ChatModel::kRoom) == 6); // above "one"
    CHECK(m.text(m.room()[6]) == "one");

    // Focused and at the bottom: the count clears, the marker stays where the new part began.
    t.update(m, kWatching);
    CHECK(t.total() == 0);
    CHECK(*t.marker(m, ChatModel::kRoom) == 6);
    // Seen while watching: no count, the marker does not move.
    m.apply(chat(10, "alice", "seen live"), {});
    t.update(m, kWatching);
    CHECK(t.total() == 0);
    CHECK(*t.marker(m, ChatModel::kRoom) == 6);
    // Away again: the next unread message starts a new stretch, and the marker moves to it.
    m.apply(chat(11, "alice", "after a break"), {});
    t.update(m, kUnfocused);
    CHECK(t.total() == 1);
    CHECK(*t.marker(m, ChatModel::kRoom) == 11);
    // Writing in the conversation drops the marker.
    t.clearMarker(ChatModel::kRoom);
    CHECK_FALSE(t.marker(m, ChatModel::kRoom).has_value());
}

TEST_CASE("unread: scrolled up while focused counts too, and reaching the bottom clears the count") {
    ChatModel m(app::Lang::En);
    app::UnreadTracker t;
    join(m, 3);
    t.update(m, kWatching);
    m.apply(chat(4, "alice", "a"), {});
    m.apply(chat(5, "alice", "b"), {});
    t.update(m, kScrolledUp);
    CHECK(t.total() == 2);
    CHECK(*t.marker(m, ChatModel::kRoom) == 4);
    CHECK(t.count(ChatModel::kRoom) == 2);
    t.update(m, kWatching);
    CHECK(t.total() == 0);
}

TEST_CASE("unread: a private message or a mention of our name asks for attention when unfocused") {
    ChatModel m(app::Lang::En);
    app::UnreadTracker t;
    join(m, 0);
    t.update(m, kUnfocused);
    m.apply(chat(1, "alice", "hey @Bob, look"), {});
    CHECK(t.update(m, kUnfocused));
    m.apply(chat(2, "alice", "bobby is not you"), {});
    CHECK_FALSE(t.update(m, kUnfocused));
    net::Private p{1, 1'700'000'000'000, "alice", "10.0.0.1", "bob", 0, 0, "私聊你"};
    m.apply(p, {});
    CHECK(t.update(m, kUnfocused));
    const std::size_t conv = m.findPrivate("alice");
    CHECK(t.count(conv) == 1);
    CHECK(*t.marker(m, conv) == 0);
    CHECK(t.total() == 3);
    // Focused but looking at another tab: counted, no attention request (the tab shows it).
    net::Private p2{2, 1'700'000'000'001, "alice", "10.0.0.1", "bob", 0, 0, "again"};
    m.apply(p2, {});
    CHECK_FALSE(t.update(m, kWatching));
    CHECK(t.count(conv) == 2);
    CHECK(t.total() == 2); // the room is watched: its count cleared
    t.update(m, Watch{true, conv, true});
    CHECK(t.total() == 0);
}

TEST_CASE("unread: a mailbox message waiting for us is unread, replayed private history is not") {
    ChatModel m(app::Lang::En);
    app::UnreadTracker t;
    net::WelcomeEvent w;
    w.you = "bob";
    w.privates.push_back(
        net::Private{1, 1'700'000'000'000, "alice", "10.0.0.1", "bob", 0, net::kPrivateReplay, "old"});
    w.privates.push_back(net::Private{2, 1'700'000'000'000, "alice", "10.0.0.1", "bob", 0,
                                      static_cast<std::uint8_t>(net::kPrivateReplay | net::kPrivateStored),
                                      "while you were away"});
    m.apply(w, {});
    CHECK(t.update(m, kUnfocused));
    const std::size_t conv = m.findPrivate("alice");
    CHECK(t.count(conv) == 1);
    CHECK(m.text(m.conversation(conv)[*t.marker(m, conv)]) == "while you were away");
}

TEST_CASE("unread: older pages pushed at the front do not count and do not move the marker off its message") {
    ChatModel m(app::Lang::En);
    app::UnreadTracker t;
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = 20;
    for (std::uint64_t s = 11; s <= 20; ++s) w.history.push_back(chat(s, "alice", support::numbered("h", s)));
    m.apply(w, {});
    t.update(m, kUnfocused);
    m.apply(chat(21, "alice", "new one"), {});
    t.update(m, kUnfocused);
    REQUIRE(t.total() == 1);
    m.markOlderRequested();
    net::HistoryPage page{m.olderBefore(), true, {}};
    for (std::uint64_t s = 10; s >= 1; --s)
        page.messages.push_back(chat(s, "alice", support::numbered("p", s)));
    m.apply(page, {});
    t.update(m, kUnfocused);
    CHECK(t.total() == 1);
    CHECK(m.text(m.room()[*t.marker(m, ChatModel::kRoom)]) == "new one");
}

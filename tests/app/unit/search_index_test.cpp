// Case folding and the incremental search index (Ctrl+F), over Chinese and Latin text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/model/chat_model.hpp"
#include "app/model/search_index.hpp"
#include "app/text/text_fold.hpp"
#include "net/utf8.hpp"

namespace {

net::Chat chat(std::uint64_t seq, std::string text) {
    return net::Chat{seq, 1'700'000'000'000 + seq, "alice", "10.0.0.1", 0, std::move(text)};
}

/// A model whose room holds the given messages (seq 1..n), welcomed as bob.
app::ChatModel roomWith(const std::vector<std::string>& texts) {
    app::ChatModel m(app::Lang::Zh);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = texts.size();
    for (std::size_t i = 0; i < texts.size(); ++i) w.history.push_back(chat(i + 1, texts[i]));
    m.apply(w, {});
    return m;
}

/// Runs update until the backlog is done; returns how many calls it took.
int complete(app::SearchIndex& index, const app::ChatModel& m, std::size_t budget) {
    int calls = 0;
    do {
        index.update(m, app::ChatModel::kRoom, budget);
        ++calls;
    } while (!index.complete() && calls < 100000);
    return calls;
}

} // namespace

TEST_CASE("search: folding keeps every character's UTF-8 length, so offsets need no mapping") {
    for (char32_t c = 0; c < 0x30000; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        std::string a, b;
        net::utf8::append(a, c);
        net::utf8::append(b, app::foldCodePoint(c));
        REQUIRE(a.size() == b.size());
    }
    std::string folded;
    app::foldCase("Hello ÀÉÎ ΣΑΣ Привет ＡＢＣ 你好 İ", folded);
    CHECK(folded == "hello àéî σασ привет ａｂｃ 你好 İ");
}

TEST_CASE("search: the matcher ignores letter case and finds Chinese anywhere") {
    const app::TextMatcher m("HeLLo");
    CHECK(m.contains("say hello to 陈磊"));
    CHECK(m.contains("HELLO"));
    CHECK_FALSE(m.contains("help"));
    std::vector<app::ByteRange> hits;
    app::TextMatcher("聊天").findAll("我们聊天吧，聊天室里聊天", hits);
    REQUIRE(hits.size() == 3);
    CHECK(hits[0] == app::ByteRange{6, 12});
    CHECK(hits[1] == app::ByteRange{18, 24});
    CHECK(hits[2] == app::ByteRange{30, 36});
    CHECK(app::TextMatcher("").empty());
}

TEST_CASE("search: hits across Chinese text, numbered from the newest, Enter goes back in time") {
    app::ChatModel m = roomWith({"今天去聊天室", "hello", "聊天很开心", "nothing", "明天再聊天吧 CHAT"});
    app::SearchIndex index;
    index.setQuery("聊天");
    complete(index, m, 1 << 20);
    CHECK(index.hitCount() == 3);
    // Entries: 0..4 the messages, 5 the history separator.
    CHECK(index.isHit(0));
    CHECK_FALSE(index.isHit(1));
    CHECK(index.isHit(2));
    CHECK(index.isHit(4));
    REQUIRE(index.currentRank() == 1);
    CHECK(index.currentEntry() == 4); // the newest hit first
    CHECK(index.next());
    CHECK(index.currentRank() == 2);
    CHECK(index.currentEntry() == 2);
    CHECK(index.next());
    CHECK(index.currentEntry() == 0);
    CHECK(index.next()); // wraps to the newest
    CHECK(index.currentEntry() == 4);
    CHECK(index.previous()); // newer than the newest wraps to the oldest
    CHECK(index.currentEntry() == 0);

    index.setQuery("chat"); // a new query: case-insensitive Latin
    complete(index, m, 1 << 20);
    CHECK(index.hitCount() == 1);
    CHECK(index.currentEntry() == 4);
    index.setQuery("聊天室里");
    complete(index, m, 1 << 20);
    CHECK(index.hitCount() == 0);
    CHECK(index.currentRank() == 0);
}

TEST_CASE(
    "search: a big backlog is searched a budget at a time, afterwards only new messages are looked at") {
    std::vector<std::string> texts;
    for (int i = 0; i < 20000; ++i)
        texts.push_back(i % 1000 == 7 ? "第" + std::to_string(i) + "条 needle 针"
                                      : "hay 草 " + std::to_string(i));
    app::ChatModel m = roomWith(texts);
    app::SearchIndex index;
    index.setQuery("NEEDLE 针");
    index.update(m, app::ChatModel::kRoom, 4096);
    CHECK_FALSE(index.complete());
    CHECK(index.scanned() < 400); // one call did a budget's worth, not everything
    const int calls = complete(index, m, 4096);
    CHECK(calls > 20);
    CHECK(index.hitCount() == 20);
    CHECK(index.scanned() == 20000); // every message exactly once (the separator is not a message)

    // Nothing new: another frame looks at nothing.
    index.update(m, app::ChatModel::kRoom, 4096);
    CHECK(index.scanned() == 20000);
    // A new message is indexed as it arrives, and the current hit keeps its place (now 2 of 21).
    m.apply(chat(20001, "a new Needle 针 arrives"), {});
    index.update(m, app::ChatModel::kRoom, 4096);
    CHECK(index.scanned() == 20001);
    CHECK(index.hitCount() == 21);
    CHECK(index.currentRank() == 2);
}

TEST_CASE(
    "search: older pages pushed at the front are searched too, and hits keep pointing at the same messages") {
    app::ChatModel m(app::Lang::En);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = 10;
    for (std::uint64_t s = 8; s <= 10; ++s)
        w.history.push_back(chat(s, s == 9 ? "nope" : "聊天 " + std::to_string(s)));
    m.apply(w, {});
    app::SearchIndex index;
    index.setQuery("聊天");
    complete(index, m, 1 << 20);
    CHECK(index.hitCount() == 2);

    REQUIRE(m.canRequestOlder());
    m.markOlderRequested();
    net::HistoryPage page;
    page.beforeSeq = m.olderBefore();
    page.more = true;
    for (std::uint64_t s = 7; s >= 5; --s)
        page.messages.push_back(chat(s, "older 聊天 " + std::to_string(s)));
    m.apply(page, {});
    complete(index, m, 1 << 20);
    CHECK(index.hitCount() == 5);
    CHECK(index.currentRank() == 1);
    CHECK(m.text(m.room()[index.currentEntry()]) == "聊天 10"); // still the same message
    CHECK(index.isHit(0));
    CHECK(m.text(m.room()[0]) == "older 聊天 5");
}

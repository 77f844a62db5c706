#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/scroll_layout.hpp"
#include "app/text_layout.hpp"

namespace {

// Texts measured with 1 unit per Latin character and 2 per ideograph; every entry has a stamp line.
struct FakeMeasure : app::EntryMeasure {
    std::vector<std::string>* texts;
    mutable int shapes = 0;
    explicit FakeMeasure(std::vector<std::string>& t) : texts(&t) {}
    Shape shape(std::size_t i, float width) const override {
        ++shapes;
        return {app::wrapText((*texts)[i], width, [](char32_t c) { return app::isBreakableCjk(c) ? 2.0f : 1.0f; }),
                1};
    }
};

/// A conversation whose entries stand for texts[i]; the ScrollLayout only needs the counts.
void pushBack(app::Conversation& c, std::vector<std::string>& texts, std::string t) {
    texts.push_back(std::move(t));
    c.pushBack(app::Entry{});
}

} // namespace

TEST_CASE("scroll_layout: heights and prefix sums of wrapped entries") {
    app::Conversation conv;
    std::vector<std::string> texts;
    pushBack(conv, texts, "short");          // 1 + 1 lines
    pushBack(conv, texts, "你好聊天室磊");   // 12 units: 1 + 2 lines at width 10
    pushBack(conv, texts, "a\nb\nc");        // 1 + 3 lines
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 2.0f);
    layout.sync(conv, 10.0f, 18.0f, m);
    REQUIRE(layout.size() == 3);
    CHECK(layout.lines(0) == 2);
    CHECK(layout.lines(1) == 3);
    CHECK(layout.lines(2) == 4);
    CHECK(layout.top(0) == 0.0);
    CHECK(layout.top(1) == 22.0);
    CHECK(layout.top(2) == 54.0);
    CHECK(layout.totalHeight() == 96.0);
}

TEST_CASE("scroll_layout: first visible entry by binary search") {
    app::Conversation conv;
    std::vector<std::string> texts;
    for (int i = 0; i < 1000; ++i) pushBack(conv, texts, i % 3 == 0 ? "x\ny" : "x");
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 0.0f);
    layout.sync(conv, 100.0f, 18.0f, m);
    CHECK(layout.firstVisible(0.0) == 0);
    CHECK(layout.firstVisible(29.9) == 0); // entry 0 is 3 lines
    CHECK(layout.firstVisible(30.0) == 1);
    for (std::size_t i : {5u, 123u, 999u}) {
        CHECK(layout.firstVisible(layout.top(i)) == i);
        CHECK(layout.firstVisible(layout.top(i) + 1.0) == i);
    }
    CHECK(layout.firstVisible(layout.totalHeight() + 5.0) == 1000);
}

TEST_CASE("scroll_layout: appending measures only the new entries") {
    app::Conversation conv;
    std::vector<std::string> texts;
    pushBack(conv, texts, "one");
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.sync(conv, 50.0f, 18.0f, m);
    pushBack(conv, texts, "two");
    pushBack(conv, texts, "three");
    const auto r = layout.sync(conv, 50.0f, 18.0f, m);
    CHECK_FALSE(r.relaidOut);
    CHECK(m.shapes == 3);
    CHECK(layout.size() == 3);
    layout.sync(conv, 50.0f, 18.0f, m);
    CHECK(m.shapes == 3); // nothing new, nothing measured
}

TEST_CASE("scroll_layout: a width change re-wraps only the entries whose wrapping changes") {
    app::Conversation conv;
    std::vector<std::string> texts;
    pushBack(conv, texts, "the quick brown fox jumps"); // 25 units
    pushBack(conv, texts, "你好");
    pushBack(conv, texts, "short");
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 0.0f);
    layout.sync(conv, 100.0f, 18.0f, m);
    CHECK(m.shapes == 3);
    CHECK(layout.lines(0) == 2);
    const auto r = layout.sync(conv, 10.0f, 18.0f, m);
    CHECK(r.relaidOut);
    CHECK(m.shapes == 4); // only the long one: the others still fit
    CHECK(layout.lines(0) == 1 + 3); // "the quick" / "brown fox" / "jumps"
    CHECK(layout.lines(1) == 2);
    CHECK(layout.totalHeight() == 80.0);
    layout.sync(conv, 10.5f, 18.0f, m); // a small resize inside every entry's range: no line breaking
    CHECK(m.shapes == 4);
    CHECK(layout.lines(0) == 4);
    layout.sync(conv, 30.0f, 18.0f, m);
    CHECK(layout.lines(0) == 2);
    layout.sync(conv, 30.0f, 20.0f, m); // a font change measures everything again
    CHECK(m.shapes == 8);
}

TEST_CASE("scroll_layout: pages pushed at the front keep the old entries' relative positions") {
    app::Conversation conv;
    std::vector<std::string> texts; // texts are indexed like the conversation, so rebuild both in order
    pushBack(conv, texts, "c");
    pushBack(conv, texts, "d\nd");
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 1.0f);
    layout.sync(conv, 50.0f, 18.0f, m);
    const double gapCD = layout.top(1) - layout.top(0);

    texts.insert(texts.begin(), {"a\na\na", "b"});
    conv.pushFront(app::Entry{});
    conv.pushFront(app::Entry{});
    const auto r = layout.sync(conv, 50.0f, 18.0f, m);
    CHECK(r.frontAdded == 2);
    CHECK_FALSE(r.relaidOut);
    REQUIRE(layout.size() == 4);
    CHECK(layout.lines(0) == 4);
    CHECK(layout.lines(1) == 2);
    CHECK(layout.top(0) == 0.0);
    CHECK(layout.top(2) == 40.0 + 20.0 + 2.0);
    CHECK(layout.top(3) - layout.top(2) == gapCD);

    // Front pushes and a width change in the same sync.
    texts.insert(texts.begin(), "z");
    conv.pushFront(app::Entry{});
    const auto r2 = layout.sync(conv, 40.0f, 18.0f, m);
    CHECK(r2.relaidOut);
    CHECK(r2.frontAdded == 1);
    CHECK(layout.lines(1) == 4);
}

TEST_CASE("scroll_layout: clearing the conversation starts over") {
    app::Conversation conv;
    std::vector<std::string> texts;
    pushBack(conv, texts, "a");
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.sync(conv, 50.0f, 18.0f, m);
    conv.clear();
    texts.clear();
    layout.sync(conv, 50.0f, 18.0f, m);
    CHECK(layout.size() == 0);
    CHECK(layout.totalHeight() == 0.0);
    CHECK(layout.firstVisible(0.0) == 0);
}

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "app/panels/scrollback/scroll_layout.hpp"
#include "app/text/text_layout.hpp"

namespace {

// Texts measured with 1 unit per Latin character and 2 per ideograph; every entry has a stamp line.
struct FakeMeasure : app::EntryMeasure {
    std::vector<std::string>* texts;
    mutable int shapes = 0;
    explicit FakeMeasure(std::vector<std::string>& t) : texts(&t) {}
    Shape shape(std::size_t i, float width) const override {
        ++shapes;
        return {app::wrapText((*texts)[i], width,
                              [](char32_t c) { return app::isBreakableCjk(c) ? 2.0f : 1.0f; }),
                1};
    }
};

/// A conversation whose entries stand for texts[i]; the ScrollLayout only needs the counts.
void pushBack(app::Conversation& c, std::vector<std::string>& texts, std::string t) {
    texts.push_back(std::move(t));
    c.pushBack(app::Entry{});
}

/// Re-wraps everything stale, whatever it costs.
void settleAll(app::ScrollLayout& layout, const app::EntryMeasure& m) {
    layout.work(m, app::ScrollLayout::Budget{std::chrono::hours(1), static_cast<std::size_t>(-1)});
}

} // namespace

TEST_CASE("scroll_layout: heights and prefix sums of wrapped entries") {
    app::Conversation conv;
    std::vector<std::string> texts;
    pushBack(conv, texts, "short");        // 1 + 1 lines
    pushBack(conv, texts, "你好聊天室磊"); // 12 units: 1 + 2 lines at width 10
    pushBack(conv, texts, "a\nb\nc");      // 1 + 3 lines
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
    settleAll(layout, m);
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
    CHECK(m.shapes == 3); // nothing is re-wrapped in sync itself
    CHECK(layout.pending());
    CHECK(layout.lines(0) == 2); // the old count stands as an estimate
    CHECK_FALSE(layout.exact(0));
    settleAll(layout, m);
    CHECK_FALSE(layout.pending());
    CHECK(m.shapes == 4);            // only the long one: the others still fit
    CHECK(layout.lines(0) == 1 + 3); // "the quick" / "brown fox" / "jumps"
    CHECK(layout.lines(1) == 2);
    CHECK(layout.totalHeight() == 80.0);
    layout.sync(conv, 10.5f, 18.0f, m); // a small resize inside every entry's range: no line breaking
    settleAll(layout, m);
    CHECK(m.shapes == 4);
    CHECK(layout.lines(0) == 4);
    layout.sync(conv, 30.0f, 18.0f, m);
    settleAll(layout, m);
    CHECK(layout.lines(0) == 2);
    layout.sync(conv, 30.0f, 20.0f, m); // a font change measures everything again
    CHECK(m.shapes == 5);
    settleAll(layout, m);
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
    settleAll(layout, m);
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

namespace {

/// Texts of many lengths, Latin and CJK, so a width change re-wraps many of them differently.
std::vector<std::string> manyTexts(std::size_t n) {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < n; ++i) {
        std::string t;
        for (std::size_t w = 0; w < 1 + (i * 7) % 23; ++w)
            t += w % 3 == 0 ? "聊天室 " : "word" + std::to_string(i % 10) + " ";
        if (i % 11 == 0) t += "\nsecond line";
        texts.push_back(t);
    }
    return texts;
}

/// A layout of every entry measured exactly at width from the start.
app::ScrollLayout exactLayout(const app::Conversation& conv, float width, const app::EntryMeasure& m,
                              float fontKey = 18.0f) {
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 3.0f);
    layout.sync(conv, width, fontKey, m);
    settleAll(layout, m);
    return layout;
}

/// Positions agree with line counts, and the binary search finds what top() says, even mid-way.
void checkConsistent(const app::ScrollLayout& layout) {
    for (std::size_t i = 0; i < layout.size(); i += 37) {
        CHECK(layout.top(i + 1) - layout.top(i) == layout.lines(i) * 10.0 + 3.0);
        CHECK(layout.firstVisible(layout.top(i)) == i);
        CHECK(layout.firstVisible(layout.top(i + 1) - 0.5) == i);
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < layout.size(); ++i) sum += layout.lines(i) * 10.0 + 3.0;
    CHECK(layout.totalHeight() == sum);
}

} // namespace

TEST_CASE(
    "scroll_layout: after a resize the entries asked for are exact at once, the rest converge by budget") {
    app::Conversation conv;
    std::vector<std::string> texts;
    for (std::string& t : manyTexts(5000)) pushBack(conv, texts, std::move(t));
    FakeMeasure m(texts);
    app::ScrollLayout layout = exactLayout(conv, 120.0f, m);
    const app::ScrollLayout reference = exactLayout(conv, 37.0f, m);

    const int before = m.shapes;
    const auto r = layout.sync(conv, 37.0f, 18.0f, m);
    CHECK(r.relaidOut);
    CHECK(m.shapes == before); // the width change itself wraps nothing
    REQUIRE(layout.pending());
    CHECK(layout.settle(2040, 2060, m)); // the entries in view, across a block boundary
    for (std::size_t i = 2040; i < 2060; ++i) {
        CHECK(layout.exact(i));
        CHECK(layout.lines(i) == reference.lines(i));
    }
    CHECK(m.shapes - before <= 20);
    std::size_t stale = 0;
    for (std::size_t i = 0; i < layout.size(); ++i) stale += layout.exact(i) ? 0 : 1;
    CHECK(stale > 1000); // everything else still holds its old count
    checkConsistent(layout);

    int rounds = 0;
    while (layout.pending() && rounds < 1000) {
        layout.work(m, app::ScrollLayout::Budget{std::chrono::hours(1), 97});
        if (++rounds % 10 == 0) checkConsistent(layout); // mid-way: estimates above, exact counts below
    }
    CHECK(rounds > 10); // it really went in steps
    CHECK_FALSE(layout.pending());
    checkConsistent(layout);
    for (std::size_t i = 0; i < layout.size(); ++i) REQUIRE(layout.lines(i) == reference.lines(i));
    CHECK(layout.totalHeight() == reference.totalHeight());
    CHECK(layout.totalHeight() == doctest::Approx(reference.top(reference.size())));
}

TEST_CASE("scroll_layout: pages at the front and appends during a pending re-wrap end exact") {
    app::Conversation conv;
    std::vector<std::string> all = manyTexts(4000);
    std::vector<std::string> texts(all.begin() + 2500, all.end()); // the newest 1500 first
    for (std::size_t i = 0; i < texts.size(); ++i) conv.pushBack(app::Entry{});
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 3.0f);
    layout.sync(conv, 80.0f, 18.0f, m);
    layout.sync(conv, 45.0f, 18.0f, m);
    std::size_t next = 2500;
    while (next > 0) { // pages of 300 older entries, each while the re-wrap is still under way
        layout.work(m, app::ScrollLayout::Budget{std::chrono::hours(1), 150});
        const std::size_t page = std::min<std::size_t>(300, next);
        next -= page;
        texts.insert(texts.begin(), all.begin() + static_cast<std::ptrdiff_t>(next),
                     all.begin() + static_cast<std::ptrdiff_t>(next + page));
        for (std::size_t k = 0; k < page; ++k) conv.pushFront(app::Entry{});
        const auto r = layout.sync(conv, 45.0f, 18.0f, m);
        CHECK(r.frontAdded == page);
        checkConsistent(layout);
    }
    pushBack(conv, texts, "a new one at the end");
    layout.sync(conv, 45.0f, 18.0f, m);
    CHECK(layout.exact(layout.size() - 1));
    settleAll(layout, m);
    const app::ScrollLayout reference = exactLayout(conv, 45.0f, m);
    REQUIRE(layout.size() == reference.size());
    for (std::size_t i = 0; i < layout.size(); ++i) REQUIRE(layout.lines(i) == reference.lines(i));
    CHECK(layout.totalHeight() == reference.totalHeight());
    checkConsistent(layout);
}

TEST_CASE("scroll_layout: many font changes before the re-wrap finishes still end exact") {
    app::Conversation conv;
    std::vector<std::string> texts;
    for (std::string& t : manyTexts(300)) pushBack(conv, texts, std::move(t));
    FakeMeasure m(texts);
    app::ScrollLayout layout = exactLayout(conv, 60.0f, m, 1.0f);
    for (int k = 2; k < 200; ++k) { // more font changes than a cell can tell apart, a little work each
        layout.sync(conv, 60.0f, static_cast<float>(k), m);
        layout.work(m, app::ScrollLayout::Budget{std::chrono::hours(1), 1});
    }
    const int before = m.shapes;
    settleAll(layout, m);
    CHECK(m.shapes - before > 250); // nearly everything was measured again
    for (std::size_t i = 0; i < layout.size(); ++i) CHECK(layout.exact(i));
}

TEST_CASE("scroll_layout: a big batch of new entries is estimated at once and measured like a resize") {
    app::Conversation conv;
    std::vector<std::string> texts;
    for (std::string& t : manyTexts(3000)) pushBack(conv, texts, std::move(t));
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 3.0f);
    layout.sync(conv, 50.0f, 18.0f, m);
    CHECK(m.shapes == 0); // a long history costs no wrapping in its frame
    CHECK(layout.size() == 3000);
    REQUIRE(layout.pending());
    checkConsistent(layout);
    layout.settle(2990, 3000, m); // the bottom of the view
    CHECK(m.shapes == 10);
    while (layout.pending()) layout.work(m, app::ScrollLayout::Budget{std::chrono::hours(1), 500});
    CHECK(m.shapes == 3000);
    const app::ScrollLayout reference = exactLayout(conv, 50.0f, m);
    for (std::size_t i = 0; i < layout.size(); ++i) REQUIRE(layout.lines(i) == reference.lines(i));
    checkConsistent(layout);
}

TEST_CASE(
    "scroll_layout: a newest entry rewritten in place (a join/leave line that grew) is measured again") {
    app::Conversation conv;
    std::vector<std::string> texts;
    pushBack(conv, texts, "first");
    pushBack(conv, texts, "alice joined");
    FakeMeasure m(texts);
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 2.0f);
    layout.sync(conv, 10.0f, 18.0f, m);
    CHECK(layout.lines(1) == 3); // 12 units at width 10: two lines, and the stamp line
    const double before = layout.top(2);

    texts[1] = "3 joined (alice, bob, carol), 1 left (dave)"; // six lines at width 10
    conv.replaceLast(app::Entry{});
    layout.sync(conv, 10.0f, 18.0f, m);
    CHECK(layout.lines(1) == 7);
    CHECK(layout.top(2) == before + 4 * 10.0);
    // An entry after it: the rewritten one stays as measured, the new one is measured once.
    pushBack(conv, texts, "next");
    const int shapesBefore = m.shapes;
    layout.sync(conv, 10.0f, 18.0f, m);
    CHECK(layout.lines(1) == 7);
    CHECK(m.shapes == shapesBefore + 1);
}

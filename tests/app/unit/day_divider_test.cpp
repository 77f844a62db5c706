// "— 2026-11-25 —" dividers where the local date changes, and the lines they take in the layout.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

#include "app/model/chat_model.hpp"
#include "app/model/day_divider.hpp"
#include "app/panels/scrollback/scroll_layout.hpp"
#include "support/numbered.hpp"

namespace {

constexpr std::uint64_t kHour = 3'600'000;
// 2026-11-25 00:00:00 in UTC+8 is 2026-11-24 16:00:00 UTC.
constexpr std::uint64_t kMidnight = 1'795'536'000'000;

void useChinaTime() {
    setenv("TZ", "CST-8", 1);
    tzset();
}

net::Chat chatAt(std::uint64_t seq, std::uint64_t timeMs) {
    return net::Chat{seq, timeMs, "alice", "10.0.0.1", 0, support::numbered("m", seq)};
}

/// Every entry is one line of text; fixed lines are a stamp for messages plus the day divider.
class DayMeasure final : public app::EntryMeasure {
public:
    DayMeasure(const app::Conversation& c, app::LocalDays& days) : m_conv(c), m_days(days) {}
    Shape shape(std::size_t i, float) const override {
        Shape s;
        s.text.lines = 1;
        s.fixedLines = 1 + (app::startsDay(m_conv, i, m_days) ? 1 : 0);
        return s;
    }

private:
    const app::Conversation& m_conv;
    app::LocalDays& m_days;
};

} // namespace

TEST_CASE("day divider: the local date names the day, and the text is the issue's form") {
    useChinaTime();
    app::LocalDays days;
    CHECK(days.day(kMidnight) == 20261125);
    CHECK(days.day(kMidnight - 1) == 20261124);
    CHECK(days.day(kMidnight + 23 * kHour) == 20261125);
    CHECK(days.day(kMidnight + 24 * kHour) == 20261126);
    CHECK(days.day(kMidnight + 1000) == 20261125); // from the cache
    CHECK(app::dayDividerText(kMidnight + 5 * kHour) == "\u2014 2026-11-25 \u2014");
}

TEST_CASE("day divider: above the first entry of each new day, never above the first entry") {
    useChinaTime();
    app::ChatModel m(app::Lang::En);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = 4;
    w.history.push_back(chatAt(1, kMidnight - 2 * kHour)); // the 24th
    w.history.push_back(chatAt(2, kMidnight - kHour));
    w.history.push_back(chatAt(3, kMidnight + kHour)); // the 25th
    w.history.push_back(chatAt(4, kMidnight + 2 * kHour));
    m.apply(w, app::Now{0, kMidnight + 3 * kHour});
    app::LocalDays days;
    const app::Conversation& c = m.room();
    CHECK_FALSE(app::startsDay(c, 0, days));
    CHECK_FALSE(app::startsDay(c, 1, days));
    CHECK(app::startsDay(c, 2, days));
    CHECK_FALSE(app::startsDay(c, 3, days));
    CHECK_FALSE(app::startsDay(c, 4, days)); // the history separator, same day
}

TEST_CASE("day divider: an older page of another day gives the old first entry its divider, in place") {
    useChinaTime();
    app::ChatModel m(app::Lang::En);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = 11;
    w.history.push_back(chatAt(10, kMidnight + kHour));
    w.history.push_back(chatAt(11, kMidnight + 2 * kHour));
    m.apply(w, app::Now{0, kMidnight + 3 * kHour});
    app::LocalDays days;
    app::ScrollLayout layout;
    layout.setMetrics(10.0f, 0.0f);
    layout.sync(m.room(), 500.0f, 13.0f, DayMeasure(m.room(), days));
    CHECK(layout.lines(0) == 2); // no divider: nothing before it
    const double secondTop = layout.top(1) - layout.top(0);

    m.markOlderRequested();
    net::HistoryPage page{
        m.olderBefore(), true, {chatAt(9, kMidnight - kHour), chatAt(8, kMidnight - 2 * kHour)}};
    m.apply(page, {});
    const auto r = layout.sync(m.room(), 500.0f, 13.0f, DayMeasure(m.room(), days));
    CHECK(r.frontAdded == 2);
    CHECK(layout.size() == 5);
    CHECK(layout.lines(2) == 3); // the old first entry now starts a new day
    CHECK(layout.lines(0) == 2);
    CHECK(layout.lines(1) == 2);
    // The prefix sums stay consistent: each top is the one before plus its height.
    for (std::size_t i = 0; i + 1 < layout.size(); ++i)
        CHECK(layout.top(i + 1) - layout.top(i) == layout.height(i));
    CHECK(layout.top(3) - layout.top(2) == doctest::Approx(secondTop + 10.0));
}

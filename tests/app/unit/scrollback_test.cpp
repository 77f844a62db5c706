// The scrollback panel driven frame by frame in an ImGui context with no window (no GPU needed).
#include <doctest/doctest.h>

#include <map>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/model/chat_model.hpp"
#include "app/model/search_index.hpp"
#include "app/model/transcript.hpp"
#include "app/panels/scrollback/scrollback.hpp"
#include "headless_ui.hpp"

namespace {

struct Headless : apptest::HeadlessUi {
    /// One frame with the scrollback filling the window; returns what draw() returned.
    app::Scrollback::Result frame(app::Scrollback& sb, const app::ChatModel& model,
                                  std::size_t conv = app::ChatModel::kRoom,
                                  const app::Scrollback::Frame& f = {}) {
        app::Scrollback::Result r;
        HeadlessUi::frame([&] { r = sb.draw(model, conv, 0.0f, f); });
        return r;
    }
};

net::Chat chat(std::uint64_t seq) {
    return net::Chat{
        seq,     1'700'000'000'000 + seq,
        "alice", "10.0.0.1",
        0,       "message " + std::to_string(seq) + (seq % 3 == 0 ? " 这一条比较长，会在窄窗口里换行" : "")};
}

void welcome(app::ChatModel& m, std::uint64_t first, std::uint64_t last) {
    net::WelcomeEvent w;
    w.you = "bob";
    w.users = {"alice", "bob"};
    w.latestSeq = last;
    for (std::uint64_t s = first; s <= last; ++s) w.history.push_back(chat(s));
    m.apply(w, {});
}

} // namespace

TEST_CASE("scrollback: follows the bottom, and a new message is on screen in the frame it arrives") {
    Headless ui;
    app::ChatModel model(app::Lang::En);
    welcome(model, 1, 300);
    app::Scrollback sb;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    CHECK(sb.lastDrawn().end == model.room().size());
    CHECK(sb.lastDrawn().first > 200); // only what fits is drawn

    model.apply(chat(301), {});
    ui.frame(sb, model);
    CHECK(sb.lastDrawn().end == model.room().size());
    CHECK(sb.atBottom(app::ChatModel::kRoom));
    CHECK(sb.newCount(app::ChatModel::kRoom) == 0);
}

TEST_CASE("scrollback: scrolled up, the view stays put and counts what is new") {
    Headless ui;
    app::ChatModel model(app::Lang::En);
    welcome(model, 1, 300);
    app::Scrollback sb;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    ui.wheel(5.0f);
    ui.frame(sb, model);
    ui.frame(sb, model);
    CHECK_FALSE(sb.atBottom(app::ChatModel::kRoom));
    const auto before = sb.lastDrawn();
    CHECK(before.end < model.room().size());

    for (std::uint64_t s = 301; s <= 305; ++s) model.apply(chat(s), {});
    ui.frame(sb, model);
    CHECK(sb.lastDrawn().first == before.first);
    CHECK(sb.newCount(app::ChatModel::kRoom) == 5);

    // Back at the bottom (wheel down far enough), the count clears and the view follows again.
    ui.wheel(-100.0f);
    ui.frame(sb, model);
    ui.frame(sb, model);
    CHECK(sb.atBottom(app::ChatModel::kRoom));
    CHECK(sb.newCount(app::ChatModel::kRoom) == 0);
    CHECK(sb.lastDrawn().end == model.room().size());
}

TEST_CASE("scrollback: near the top it asks for older history, and the page does not move the view") {
    Headless ui;
    app::ChatModel model(app::Lang::En);
    welcome(model, 501, 600);
    app::Scrollback sb;
    bool wantsOlder = false;
    for (int i = 0; i < 3; ++i) wantsOlder |= ui.frame(sb, model).wantsOlder;
    CHECK_FALSE(wantsOlder); // at the bottom of 100 messages: far from the top
    for (int i = 0; i < 40 && !wantsOlder; ++i) {
        ui.wheel(5.0f);
        wantsOlder = ui.frame(sb, model).wantsOlder;
    }
    REQUIRE(wantsOlder);
    REQUIRE(model.olderBefore() == 501);
    model.markOlderRequested();
    ui.frame(sb, model);
    const auto before = sb.lastDrawn();
    const std::uint64_t firstSeq = model.room()[before.first].seq;

    net::HistoryPage page;
    page.beforeSeq = 501;
    page.more = true;
    for (std::uint64_t s = 500; s > 450; --s) page.messages.push_back(chat(s));
    model.apply(page, {});
    ui.frame(sb, model);
    CHECK(sb.lastDrawn().first == before.first + 50); // the same entries, now 50 further down the list
    CHECK(model.room()[sb.lastDrawn().first].seq == firstSeq);
}

namespace {

/// A room of a few short messages, as bob (so they start at the top of the view).
app::ChatModel smallRoom() {
    app::ChatModel model(app::Lang::En);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = 4;
    const char* texts[] = {"first 第一", "see https://imchat.example/a?b=1 ok", "third 第三", "fourth"};
    for (std::uint64_t s = 1; s <= 4; ++s)
        w.history.push_back(net::Chat{s, 1'700'000'000'000 + s, "alice", "10.0.0.1", 0, texts[s - 1]});
    model.apply(w, {});
    return model;
}

// Where entry i's text line is in the headless window: the scrollback's content starts at (16, 14), the
// default font is 13 px, a message is a stamp line plus one text line, entries are 4 px apart.
ImVec2 textOf(std::size_t i, float x = 30.0f) {
    return ImVec2(x, 14.0f + 30.0f * static_cast<float>(i) + 20.0f);
}

app::Scrollback::Result click(Headless& ui, app::Scrollback& sb, const app::ChatModel& model, ImVec2 at,
                              int button = 0) {
    ui.mouse(at, button, true);
    app::Scrollback::Result r = ui.frame(sb, model);
    ui.mouse(at, button, false);
    const app::Scrollback::Result up = ui.frame(sb, model);
    if (r.action == app::EntryAction::None) r = up;
    return r;
}

} // namespace

TEST_CASE("scrollback: a click selects a message, Shift-click a range, what Ctrl+C copies") {
    Headless ui;
    const app::ChatModel model = smallRoom();
    app::Scrollback sb;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    click(ui, sb, model, textOf(0));
    auto range = sb.selection().range(app::ChatModel::kRoom, model.room());
    REQUIRE(range.has_value());
    CHECK(range->first == 0);
    CHECK(range->second == 0);
    CHECK(app::selectionText(model, app::ChatModel::kRoom, range->first, range->second) == "first 第一");

    ui.key(apptest::kLeftShift, true);
    click(ui, sb, model, textOf(2));
    ui.key(apptest::kLeftShift, false);
    range = sb.selection().range(app::ChatModel::kRoom, model.room());
    REQUIRE(range.has_value());
    CHECK(range->first == 0);
    CHECK(range->second == 2);
    const std::string copied = app::selectionText(model, app::ChatModel::kRoom, range->first, range->second);
    CHECK(copied.find("] 10.0.0.1 - alice\nfirst 第一\n") != std::string::npos);
    CHECK(copied.find("alice\nthird 第三\n") != std::string::npos);
    CHECK(copied.starts_with("["));

    click(ui, sb, model, ImVec2(300.0f, 500.0f)); // below the last message: nothing selected
    CHECK_FALSE(sb.selection().range(app::ChatModel::kRoom, model.room()).has_value());
}

TEST_CASE("scrollback: a click on a link asks to open it, links are reported where they are drawn") {
    Headless ui;
    const app::ChatModel model = smallRoom();
    app::Scrollback sb;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    REQUIRE(sb.lastLinks().size() == 1);
    const app::LinkBox box = sb.lastLinks()[0];
    CHECK(box.entry == 1);
    const ImVec2 mid((box.min.x + box.max.x) * 0.5f, (box.min.y + box.max.y) * 0.5f);
    const app::Scrollback::Result r = click(ui, sb, model, mid);
    CHECK(r.action == app::EntryAction::OpenLink);
    CHECK(r.url == "https://imchat.example/a?b=1");
    CHECK_FALSE(
        sb.selection().range(app::ChatModel::kRoom, model.room()).has_value()); // a link is not a selection
}

TEST_CASE("scrollback: the right-click menu copies the message under the mouse") {
    Headless ui;
    const app::ChatModel model = smallRoom();
    app::Scrollback sb;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    click(ui, sb, model, textOf(2), 1);
    ui.frame(sb, model); // a popup appears hidden for a frame while it measures itself
    ImGuiContext& g = *ImGui::GetCurrentContext();
    REQUIRE(g.OpenPopupStack.Size == 1);
    const ImGuiWindow* popup = g.OpenPopupStack[0].Window;
    REQUIRE(popup != nullptr);
    // The menu's items, one line each: "Copy text", "Copy with stamp", separator, "Copy all", "Save
    // transcript…".
    const float line = ImGui::GetFontSize() + ImGui::GetStyle().ItemSpacing.y;
    const ImVec2 first(popup->Pos.x + 20.0f,
                       popup->Pos.y + popup->WindowPadding.y + ImGui::GetFontSize() * 0.5f);
    const app::Scrollback::Result r = click(ui, sb, model, first);
    CHECK(r.action == app::EntryAction::CopyText);
    CHECK(r.entry == 2);

    click(ui, sb, model, textOf(3), 1);
    ui.frame(sb, model);
    REQUIRE(g.OpenPopupStack.Size == 1);
    const ImGuiWindow* again = g.OpenPopupStack[0].Window;
    const app::Scrollback::Result stamped =
        click(ui, sb, model,
              ImVec2(again->Pos.x + 20.0f,
                     again->Pos.y + again->WindowPadding.y + ImGui::GetFontSize() * 0.5f + line));
    CHECK(stamped.action == app::EntryAction::CopyWithStamp);
    CHECK(stamped.entry == 3);
    std::string text;
    app::appendEntryText(model, model.room()[stamped.entry], true, text);
    CHECK(text.ends_with("] 10.0.0.1 - alice\nfourth"));
}

TEST_CASE("scrollback: reveal brings a far entry into view (a search hit)") {
    Headless ui;
    app::ChatModel model(app::Lang::En);
    welcome(model, 1, 300);
    app::Scrollback sb;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    sb.reveal(app::ChatModel::kRoom, 20);
    ui.frame(sb, model);
    ui.frame(sb, model);
    CHECK(sb.lastDrawn().first <= 20);
    CHECK(sb.lastDrawn().end > 20);
    CHECK_FALSE(sb.atBottom(app::ChatModel::kRoom));
}

TEST_CASE("scrollback: an empty message (a server may allow one) is drawn without reading past it") {
    Headless ui;
    app::ChatModel model(app::Lang::En);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = 2;
    w.history.push_back(net::Chat{1, 1'700'000'000'000, "alice", "10.0.0.1", 0, ""});
    w.history.push_back(net::Chat{2, 1'700'000'000'001, "alice", "10.0.0.1", 0, "after the empty one"});
    model.apply(w, {});
    app::SearchIndex search;
    search.setQuery("empty");
    search.update(model, app::ChatModel::kRoom, 1 << 20);
    app::Scrollback sb;
    app::Scrollback::Frame f;
    f.style.me = "bob";
    f.style.search = &search.matcher();
    f.search = &search;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model, app::ChatModel::kRoom, f);
    CHECK(sb.lastDrawn().end == model.room().size());
    CHECK(search.hitCount() == 1);
}

namespace {

/// A room of n messages that wrap at any width used here, each starting with a link: its box tells where
/// the entry's first text line is drawn.
app::ChatModel linkedRoom(std::uint64_t n) {
    app::ChatModel model(app::Lang::En);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = n;
    for (std::uint64_t s = 1; s <= n; ++s) {
        std::string text = "https://x.example/" + std::to_string(s);
        for (std::uint64_t k = 0; k < 6 + s % 19; ++k) text += k % 2 ? " 聊天室里的消息" : " some words";
        w.history.push_back(net::Chat{s, 1'700'000'000'000 + s, "alice", "10.0.0.1", 0, text});
    }
    model.apply(w, {});
    return model;
}

/// Screen y of each drawn entry's first text line, by entry.
std::map<std::size_t, float> textTops(const app::Scrollback& sb) {
    std::map<std::size_t, float> tops;
    for (const app::LinkBox& box : sb.lastLinks()) tops.emplace(box.entry, box.min.y);
    return tops;
}

/// The entry at the top of the view: the last one whose stamp line starts at or above the content's top
/// (y 14; the stamp line is 13 px).
std::size_t topEntry(const std::map<std::size_t, float>& tops) {
    std::size_t entry = 0;
    for (const auto& [i, y] : tops) {
        if (y <= 14.0f + 13.0f + 0.5f) entry = i;
    }
    return entry;
}

void setWidth(float width) { ImGui::GetIO().DisplaySize.x = width; }

/// Draws frames until the scrollback has nothing left to re-wrap; returns how many it took.
int settle(Headless& ui, app::Scrollback& sb, const app::ChatModel& model) {
    int frames = 0;
    for (; sb.settling() && frames < 20000; ++frames) ui.frame(sb, model);
    return frames;
}

} // namespace

TEST_CASE(
    "scrollback: after a resize what is drawn is exact at once and stays at the bottom, the rest follows") {
    Headless ui;
    const app::ChatModel model = linkedRoom(20000);
    app::Scrollback sb;
    ui.frame(sb, model);
    CHECK(sb.settling()); // a long history is estimated first, and what is in view measured
    CHECK(sb.lastDrawn().end == model.room().size());
    CHECK(settle(ui, sb, model) > 1);
    CHECK_FALSE(sb.settling());

    setWidth(500.0f);
    ui.frame(sb, model);
    REQUIRE(sb.settling()); // most of the room still holds its old line counts
    CHECK(sb.atBottom(app::ChatModel::kRoom));
    CHECK(sb.lastDrawn().end == model.room().size());
    const auto resized = textTops(sb);

    app::Scrollback fresh; // laid out at the new width from the start
    for (int i = 0; i < 3; ++i) ui.frame(fresh, model);
    settle(ui, fresh, model);
    const auto exact = textTops(fresh);
    REQUIRE(resized.size() == exact.size());
    for (const auto& [i, y] : exact) {
        REQUIRE(resized.count(i) == 1);
        CHECK(resized.at(i) == doctest::Approx(y).epsilon(0.0001));
    }

    int frames = 0;
    while (sb.settling() && frames < 20000) {
        ui.frame(sb, model);
        ++frames;
        CHECK(sb.lastDrawn().end == model.room().size());
    }
    CHECK_FALSE(sb.settling());
    CHECK(frames > 1);
    CHECK(sb.atBottom(app::ChatModel::kRoom));
    CHECK(textTops(sb) == exact);
}

TEST_CASE("scrollback: a resize keeps the message at the top of the view in place while the rest re-wraps") {
    Headless ui;
    app::ChatModel model = linkedRoom(20000);
    app::Scrollback sb;
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    settle(ui, sb, model);
    sb.reveal(app::ChatModel::kRoom, 10000);
    for (int i = 0; i < 3; ++i) ui.frame(sb, model);
    REQUIRE_FALSE(sb.atBottom(app::ChatModel::kRoom));
    const auto before = textTops(sb);
    const std::size_t anchor = topEntry(before);
    REQUIRE(anchor > 9000);

    for (const float width : {460.0f, 700.0f}) {
        setWidth(width);
        ui.frame(sb, model);
        REQUIRE(sb.settling());
        for (int frames = 0; frames < 20000; ++frames) {
            const auto now = textTops(sb);
            REQUIRE(now.count(anchor) == 1);
            CHECK(now.at(anchor) == doctest::Approx(before.at(anchor)).epsilon(0.0001));
            if (frames == 5) { // a message arriving meanwhile is counted, and does not move the view
                model.apply(chat(20001 + (width > 600.0f ? 1 : 0)), {});
            }
            if (!sb.settling()) break;
            ui.frame(sb, model);
        }
        CHECK_FALSE(sb.settling());
        CHECK(topEntry(textTops(sb)) == anchor);
        CHECK_FALSE(sb.atBottom(app::ChatModel::kRoom));
    }
    CHECK(sb.newCount(app::ChatModel::kRoom) == 2);
}

// The scrollback panel driven frame by frame in an ImGui context with no window (no GPU needed).
#include <doctest/doctest.h>

#include <string>

#include <imgui.h>

#include "app/chat_model.hpp"
#include "app/scrollback.hpp"

namespace {

struct Headless {
    Headless() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800.0f, 600.0f);
        io.Fonts->AddFontDefault();
        io.Fonts->Build();
    }
    ~Headless() { ImGui::DestroyContext(); }

    /// One frame with the scrollback filling the window; returns what draw() returned.
    bool frame(app::Scrollback& sb, const app::ChatModel& model, std::size_t conv = app::ChatModel::kRoom) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("main", nullptr, ImGuiWindowFlags_NoDecoration);
        const bool older = sb.draw(model, conv, 0.0f, app::Scrollback::Frame{}).wantsOlder;
        ImGui::End();
        ImGui::Render();
        io.MouseWheel = 0.0f;
        return older;
    }
    /// The user turns the mouse wheel over the scrollback (positive: up).
    void wheel(float notches) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(400.0f, 300.0f);
        io.MouseWheel = notches;
    }
};

net::Chat chat(std::uint64_t seq) {
    return net::Chat{seq, 1'700'000'000'000 + seq, "alice", "10.0.0.1", 0,
                     "message " + std::to_string(seq) + (seq % 3 == 0 ? " 这一条比较长，会在窄窗口里换行" : "")};
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
    for (int i = 0; i < 3; ++i) wantsOlder |= ui.frame(sb, model);
    CHECK_FALSE(wantsOlder); // at the bottom of 100 messages: far from the top
    for (int i = 0; i < 40 && !wantsOlder; ++i) {
        ui.wheel(5.0f);
        wantsOlder = ui.frame(sb, model);
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

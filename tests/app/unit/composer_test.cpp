// The input box: ↑/↓ recall what was sent, Enter sends, Shift+Enter and Ctrl+Enter start a new line;
// InputHistory on its own, then the real Composer widget in a headless ImGui frame.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/model/input_history.hpp"
#include "app/panels/composer.hpp"
#include "headless_ui.hpp"
#include "support/numbered.hpp"

using apptest::HeadlessUi;

TEST_CASE("input history: up goes back, down forward, and the draft comes back past the newest") {
    app::InputHistory h;
    CHECK_FALSE(h.older("draft").has_value());
    h.push("one");
    h.push("two");
    h.push("two"); // a repeat is not stored twice
    h.push("三");
    CHECK(h.size() == 3);
    CHECK(h.older("half typed") == std::optional<std::string>("三"));
    CHECK(h.browsing());
    CHECK(h.older("三") == std::optional<std::string>("two"));
    CHECK(h.older("two") == std::optional<std::string>("one"));
    CHECK_FALSE(h.older("one").has_value()); // nothing older: the box keeps "one"
    CHECK(h.newer() == std::optional<std::string>("two"));
    CHECK(h.newer() == std::optional<std::string>("三"));
    CHECK(h.newer() == std::optional<std::string>("half typed"));
    CHECK_FALSE(h.browsing());
    CHECK_FALSE(h.newer().has_value());
    for (int i = 0; i < 300; ++i) h.push(support::numbered("m", static_cast<std::uint64_t>(i)));
    CHECK(h.size() == app::InputHistory::kMaxEntries);
}

namespace {

struct ComposerUi : HeadlessUi {
    app::Composer composer;
    app::GlyphSet glyphs;
    int sends = 0;

    void frame() {
        HeadlessUi::frame([&] {
            if (composer.draw(app::strings(app::Lang::En), glyphs, 40).send) {
                ++sends;
                sent.push_back(composer.text);
                composer.sent();
            }
        });
    }
    /// Presses and releases a key (with Shift or Ctrl held when asked), a frame each.
    void press(int code, int modifier = 0) {
        if (modifier) key(modifier, true);
        key(code, true);
        frame();
        key(code, false);
        frame();
        if (modifier) key(modifier, false);
        frame();
    }
    void typeText(const char* utf8) {
        type(utf8);
        frame();
    }
    std::vector<std::string> sent;
};

} // namespace

TEST_CASE("composer: Enter sends, Shift+Enter and Ctrl+Enter insert new lines, the box keeps the focus") {
    ComposerUi ui;
    ui.frame();
    ui.frame(); // the box takes the focus
    const float oneLine = ui.composer.height();
    ui.typeText("line one");
    ui.press(apptest::kEnter, apptest::kLeftShift);
    ui.typeText("第二行");
    ui.press(apptest::kEnter, apptest::kLeftCtrl);
    ui.typeText("three");
    CHECK(ui.composer.text == "line one\n第二行\nthree");
    CHECK(ui.sends == 0);
    CHECK(ui.composer.height() >
          oneLine + 2.0f * ImGui::GetFontSize() - 1.0f); // the box grows with the lines
    ui.press(apptest::kEnter);
    REQUIRE(ui.sends == 1);
    CHECK(ui.sent[0] == "line one\n第二行\nthree");
    CHECK(ui.composer.text.empty());
    ui.frame();
    ui.typeText("next");
    CHECK(ui.composer.text == "next"); // still typing into the box after sending
}

TEST_CASE("composer: up and down recall what was sent") {
    ComposerUi ui;
    ui.frame();
    ui.frame();
    for (const char* line : {"alpha", "贝塔"}) {
        ui.typeText(line);
        ui.press(apptest::kEnter);
        ui.frame();
    }
    REQUIRE(ui.sends == 2);
    ui.typeText("draft");
    ui.press(apptest::kUp);
    CHECK(ui.composer.text == "贝塔");
    ui.press(apptest::kUp);
    CHECK(ui.composer.text == "alpha");
    ui.press(apptest::kDown);
    CHECK(ui.composer.text == "贝塔");
    ui.press(apptest::kDown);
    CHECK(ui.composer.text == "draft");
    // A recalled text is sent again with Enter.
    ui.press(apptest::kUp);
    ui.press(apptest::kEnter);
    REQUIRE(ui.sends == 3);
    CHECK(ui.sent[2] == "贝塔");
}

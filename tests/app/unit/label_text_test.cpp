// Names and room names from the network inside ImGui widgets: whole, even with "##" in them, which ImGui
// would otherwise take for the start of the widget's id and hide ("bob##x" would read "bob").
#include <doctest/doctest.h>

#include "app/panels/label_text.hpp"
#include "headless_ui.hpp"

TEST_CASE("label_text: a label keeps every character visible, with no '##' left for ImGui to cut at") {
    CHECK(app::shownAsLabel("bob") == "bob");
    CHECK(app::shownAsLabel("bob##x") == "bob#\uFF03x");
    CHECK(app::shownAsLabel("###") == "#\uFF03\uFF03");
    CHECK(app::shownAsLabel("#a#b#") == "#a#b#");
    CHECK(app::shownAsLabel("小明##") == "小明#\uFF03");
    CHECK(app::shownAsLabel("").empty());
}

TEST_CASE("label_text: a selectable row shows its text whole and is clicked like any row") {
    apptest::HeadlessUi ui;
    float shownWidth = 0.0f, fullWidth = 0.0f, cutWidth = 0.0f;
    app::SelectableText row;
    const auto draw = [&] {
        row = app::selectableText("##user", "bob##x", false);
        shownWidth = ImGui::GetItemRectSize().x; // the text drawn over the row
        fullWidth = ImGui::CalcTextSize("bob##x").x;
        cutWidth = ImGui::CalcTextSize("bob##x", nullptr, true).x; // what a label would have shown
    };
    ui.frame(draw);
    CHECK(shownWidth == doctest::Approx(fullWidth));
    CHECK(cutWidth < fullWidth);
    CHECK_FALSE(row.clicked);
    REQUIRE(row.rect.GetWidth() > fullWidth); // the row spans the window, beyond its text

    const ImVec2 centre = row.rect.GetCenter();
    ui.mouse(centre, 0, true);
    ui.frame(draw);
    CHECK(row.hovered);
    ui.mouse(centre, 0, false);
    ui.frame(draw);
    CHECK(row.clicked);
}

#include <doctest/doctest.h>

#include <string>

#include <imgui.h>

#include "app/fonts/font_atlas.hpp"
#include "app/fonts/glyph_set.hpp"

namespace {

/// An ImGui context with no window: the atlas is built on the CPU only.
struct ImGuiContextGuard {
    ImGuiContextGuard() { ImGui::CreateContext(); }
    ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};

bool hasGlyph(char32_t c) {
    return ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
}

} // namespace

TEST_CASE("font_atlas: built from the characters seen, grown when new ones arrive") {
    ImGuiContextGuard context;
    app::FontAtlas fonts;
    std::string error, warning;
    REQUIRE_MESSAGE(fonts.load(18.0f, error, warning), error);
    REQUIRE_MESSAGE(warning.empty(), warning); // a CJK font is installed (fonts-wqy-microhei)
    app::GlyphSet glyphs;
    glyphs.addText("聊天室");
    CHECK(fonts.update(glyphs));
    CHECK(hasGlyph(U'A'));
    CHECK(hasGlyph(U'聊'));
    CHECK_FALSE(hasGlyph(U'磊'));      // not seen yet: not in the atlas
    CHECK_FALSE(fonts.update(glyphs)); // nothing new: no rebuild

    glyphs.addText("陈磊 说：你好");
    CHECK(fonts.update(glyphs));
    CHECK(hasGlyph(U'磊')); // outside the 2500 "common" characters, present because it was seen
    CHECK(hasGlyph(U'聊'));
    CHECK(fonts.missingCount() == 0);

    // Small atlas: a few dozen glyphs, not the 20,000 of the full CJK range.
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    CHECK(atlas->TexWidth * atlas->TexHeight <= 1024 * 1024);
}

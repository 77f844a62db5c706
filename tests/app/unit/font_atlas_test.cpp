#include <doctest/doctest.h>

#include <cstring>
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

namespace {

/// The atlas pixel at the centre of c's glyph (RGBA, straight alpha).
ImU32 glyphCentre(char32_t c) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const ImFontGlyph* g = atlas->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c));
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &w, &h);
    const int x = static_cast<int>((g->U0 + g->U1) / 2 * static_cast<float>(w));
    const int y = static_cast<int>((g->V0 + g->V1) / 2 * static_cast<float>(h));
    ImU32 px = 0;
    std::memcpy(&px, pixels + (static_cast<std::size_t>(y) * w + x) * 4, 4);
    return px;
}

} // namespace

TEST_CASE("font_atlas: emoji are colour glyphs the size of a line, joiners take no room") {
    ImGuiContextGuard context;
    app::FontAtlas fonts;
    std::string error, warning;
    REQUIRE_MESSAGE(fonts.load(20.0f, error, warning), error);
    REQUIRE_MESSAGE(fonts.hasColourEmoji(), warning); // fonts-noto-color-emoji is installed
    app::GlyphSet glyphs;
    glyphs.addText("好 😀👍🎉 ❤ 👨\u200D👩\u200D👧 ✌\uFE0F");
    CHECK(fonts.update(glyphs));

    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (char32_t c : {U'\U0001F600', U'\U0001F44D', U'\U0001F389', U'\u2764', U'\U0001F468', U'\u270C'}) {
        CAPTURE(static_cast<unsigned>(c));
        const ImFontGlyph* g = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
        REQUIRE(g != nullptr);
        CHECK(g->Colored);
        CHECK(g->Y1 - g->Y0 >= 17.0f); // scaled from the 109 px strike to about the line's 20 px
        CHECK(g->Y1 - g->Y0 <= 21.0f);
        CHECK(g->AdvanceX >= 17.0f);
        CHECK(g->AdvanceX <= 26.0f);
    }
    // The grinning face's centre is yellow-orange, not the white of a text glyph.
    const ImU32 face = glyphCentre(U'\U0001F600');
    const int red = static_cast<int>(face & 0xFF);
    const int blue = static_cast<int>((face >> 16) & 0xFF);
    const int alpha = static_cast<int>(face >> 24);
    CAPTURE(face);
    CHECK(alpha > 200);
    CHECK(red > 180);
    CHECK(blue < red - 80);

    for (char32_t c : {U'\u200D', U'\uFE0F'}) {
        const ImFontGlyph* joiner = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
        REQUIRE(joiner != nullptr);
        CHECK(joiner->AdvanceX == 0.0f);
    }
    // Text stays text: drawn tinted by the text colour.
    const ImFontGlyph* hao = font->FindGlyphNoFallback(static_cast<ImWchar>(U'好'));
    REQUIRE(hao != nullptr);
    CHECK_FALSE(hao->Colored);
    CHECK(fonts.missingCount() == 0);
}

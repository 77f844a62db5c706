#include <doctest/doctest.h>

#include "app/fonts/glyph_set.hpp"

TEST_CASE("glyph_set: starts with ASCII, grows only with new characters") {
    app::GlyphSet set;
    const std::size_t base = set.size();
    CHECK(set.contains(U'A'));
    CHECK_FALSE(set.contains(U'聊'));
    const unsigned gen = set.generation();

    CHECK_FALSE(set.addText("plain ASCII text"));
    CHECK(set.generation() == gen);

    CHECK(set.addText("hi 你好聊"));
    CHECK(set.size() == base + 3);
    CHECK(set.contains(U'聊'));
    CHECK(set.generation() != gen);

    // The same characters again, or a subset, change nothing.
    const unsigned gen2 = set.generation();
    CHECK_FALSE(set.addText("你好, 聊聊"));
    CHECK(set.generation() == gen2);

    CHECK(set.addText("陈磊"));
    CHECK(set.size() == base + 5);
}

TEST_CASE("glyph_set: ranges cover exactly the set, zero-terminated") {
    app::GlyphSet set;
    set.addText("磊聊");
    ImVector<ImWchar> ranges;
    set.buildRanges(ranges);
    REQUIRE(ranges.Size % 2 == 1);
    CHECK(ranges.back() == 0);
    std::size_t covered = 0;
    bool hasLei = false;
    for (int i = 0; i + 1 < ranges.Size; i += 2) {
        covered += static_cast<std::size_t>(ranges[i + 1] - ranges[i] + 1);
        hasLei |= ranges[i] <= U'磊' && U'磊' <= ranges[i + 1];
    }
    CHECK(covered == set.size());
    CHECK(hasLei);
}

TEST_CASE(
    "glyph_set: holds characters beyond the 16-bit range (emoji), as ImGui's 32-bit ImWchar indexes them") {
    app::GlyphSet set;
    const std::size_t base = set.size();
    CHECK(set.addText("\xF0\x9F\x98\x80")); // U+1F600
    CHECK(set.size() == base + 1);
    CHECK(set.contains(U'\U0001F600'));
    ImVector<ImWchar> ranges;
    set.buildRanges(ranges);
    CHECK(ranges[ranges.Size - 3] == 0x1F600);
    CHECK(ranges[ranges.Size - 2] == 0x1F600);
}

// The Unicode name rules (PROTOCOL.md §5.1) and the blank-text rule (§5.2): NFC, invisible and bidirectional
// characters, confusable keys.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "net/utf8.hpp"
#include "net/validation.hpp"

using namespace net;

namespace {

std::string u8(char32_t cp) {
    std::string s;
    utf8::append(s, cp);
    return s;
}

} // namespace

TEST_CASE("names are stored in NFC: a decomposed name is its composed twin") {
    CHECK(normalizeName("Zoe\u0308") == "Zo\u00EB");                    // e + combining diaeresis → ë
    CHECK(normalizeName("\u212Bngstr\u00F6m") == "\u00C5ngstr\u00F6m"); // ANGSTROM SIGN → Å
    CHECK(normalizeName("\u1100\u1161") == "\uAC00");                   // Hangul jamo ᄀ + ᅡ → 가
    CHECK(normalizeName("alice") == "alice");
    CHECK(normalizeName("陈磊") == "陈磊");
    CHECK(validateName("Zoe\u0308") == ErrorCode::None);
    CHECK(nameKey("Zoe\u0308") == nameKey("Zo\u00EB"));
}

TEST_CASE("names keep their limits, counted on the NFC form") {
    CHECK(normalizeName(std::string(32, 'x')));
    CHECK_FALSE(normalizeName(std::string(33, 'x')));
    CHECK(normalizeName(std::string(16, 'x') + "你你你你你你你你你你你你你你你你")); // 16 + 48 = 64 bytes
    CHECK_FALSE(normalizeName(std::string(17, 'x') + "你你你你你你你你你你你你你你你你"));
    // U+0958 DEVANAGARI LETTER QA is excluded from composition: NFC turns its 3 bytes into 6 (two code
    // points), so a name that fits as sent can grow past the limits.
    std::string qa;
    for (int i = 0; i < 10; ++i) qa += "\u0958";
    CHECK(normalizeName(qa));                  // 30 bytes sent, NFC 60 bytes and 20 code points
    CHECK_FALSE(normalizeName(qa + "\u0958")); // NFC 66 bytes
    std::string accents;                       // 17 × e + combining acute: 34 code points sent, 17 in NFC
    for (int i = 0; i < 17; ++i) accents += "e\u0301";
    CHECK(normalizeName(accents));
    CHECK_FALSE(normalizeName(std::string(40, 'e') + "\u0301")); // 40 code points even in NFC
}

TEST_CASE("names refuse invisible, bidirectional-control and blank characters anywhere") {
    const char32_t refused[] = {
        0x200B, 0x200C, 0x200D,   0x200E,  0x200F,         // zero width space, non-joiner, joiner; LRM, RLM
        0x202A, 0x202B, 0x202C,   0x202D,  0x202E,         // bidi embeddings and overrides
        0x2060, 0x2061, 0x2062,   0x2063,  0x2064,         // word joiner, invisible operators
        0x2066, 0x2067, 0x2068,   0x2069,  0xFEFF, 0x00AD, // bidi isolates, BOM, soft hyphen
        0x061C, 0x180E, 0xE0001,  0xE0041,         // Arabic letter mark, Mongolian vowel separator, tags
        0x3164, 0x115F, 0x1160,   0xFFA0,  0x034F, // Hangul fillers, combining grapheme joiner
        0xFE00, 0xFE0F, 0xE0100,                   // variation selectors
        0x2800,                                    // braille pattern blank
        0x00A0, 0x2000, 0x2007,   0x200A,  0x202F, 0x205F, // no-break and fixed-width spaces
        0x3000, 0x1680, 0x2028,   0x2029,  0x0085,         // ideographic space, ogham, separators, NEL
        0x0378, 0xFFFF, 0x10FFFF,                          // unassigned, noncharacters
    };
    for (const char32_t cp : refused) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(validateName("ali" + u8(cp) + "ce") == ErrorCode::InvalidName);
        CHECK(validateName(u8(cp) + "alice") == ErrorCode::InvalidName);
        CHECK(validateName("alice" + u8(cp)) == ErrorCode::InvalidName);
        CHECK(validateName(u8(cp)) == ErrorCode::InvalidName);
    }
    // A plain space inside is fine, as are letters of any script, marks and emoji.
    for (const char* fine : {"a b", "Zo\u00EB", "陈磊", "\u0645\u0631\u064A\u0645", "\u05E9\u05E8\u05D4",
                             "\U0001F600", "\u00DF", "O'Brien", "\u0928\u093F\u0915\u093F\u0924\u093E"}) {
        CAPTURE(fine);
        CHECK(validateName(fine) == ErrorCode::None);
    }
}

TEST_CASE("name keys: case, width and look-alike letters give one key, different names keep theirs") {
    const std::string alice = nameKey("alice");
    for (const char* same : {"Alice", "ALICE", "aLiCe", "\uFF41lice", "\u0430lice",
                             "\uFF21\uFF2C\uFF29\uFF23\uFF25", "\u0430l\u0456\u0441\u0435"}) {
        CAPTURE(same);
        CHECK(nameKey(same) == alice);
    }
    CHECK(nameKey("B0B") == nameKey("bob")); // a zero looks like O, which is o
    CHECK(nameKey("陈磊") == "陈磊");
    CHECK(nameKey("\uFB01ona") == nameKey("fiona")); // the ligature ﬁ
    for (const char* other : {"alicia", "alice2", "bob", "陈雷", "ali ce"}) {
        CAPTURE(other);
        CHECK(nameKey(other) != alice);
    }
    CHECK(nameKey("陈磊") != nameKey("陈雷"));
    // Whatever a server sends, the client can key it.
    CHECK_NOTHROW(nameKey("\xFF\xFE"));
    CHECK(nameKey("") == "");
    CHECK_FALSE(nameKeyVersion().empty());
}

TEST_CASE("isInvisible: White_Space, Cf, Default_Ignorable_Code_Point and the braille blank") {
    for (char32_t cp = 0; cp < 0x80; ++cp) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(isInvisible(cp) == (cp == U' ' || (cp >= U'\t' && cp <= U'\r')));
    }
    for (const char32_t cp : {0x200Bu, 0x202Eu, 0xFEFFu, 0x3164u, 0x2800u, 0x3000u, 0xE0020u})
        CHECK(isInvisible(cp));
    for (const char32_t cp : {0x00E9u, 0x4E2Du, 0x1F600u, 0x0301u, 0x2801u}) CHECK_FALSE(isInvisible(cp));
}

TEST_CASE("text made only of invisible characters is blank") {
    for (const char* blank : {"\u200B", "\u3164", "\u2800", " \u200B\u3000 ", "\uFEFF\n", "\u202E\u2066\t",
                              "\u115F\u1160", "\u00A0\u2028"}) {
        CAPTURE(blank);
        CHECK(validateText(blank, 100) == ErrorCode::EmptyText);
    }
    CHECK(validateText("\u200Bx", 100) == ErrorCode::None);
    CHECK(validateText("a\u3164", 100) == ErrorCode::None);
    CHECK(validateText("\u2800\u2801", 100) == ErrorCode::None);    // a braille dot is ink
    CHECK(validateText("\u200B\r", 100) == ErrorCode::InvalidText); // controls are checked before blankness
}

TEST_CASE("cost of nameKey and validateName (reported, not asserted)") {
    // Both run for every Hello and Whisper on the server's one thread.
    constexpr int kCalls = 20000;
    const std::string names[] = {"Alice", "\u0430lice", "陈磊和张三", "Zoe\u0308 O'Brien-Smith"};
    std::size_t sink = 0;
    for (const auto& n : names) {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < kCalls; ++i) sink += nameKey(n).size();
        auto t1 = std::chrono::steady_clock::now();
        for (int i = 0; i < kCalls; ++i) sink += validateName(n) == ErrorCode::None;
        auto t2 = std::chrono::steady_clock::now();
        const auto perCall = [](auto d) {
            return std::chrono::duration<double, std::nano>(d).count() / kCalls;
        };
        MESSAGE(n << ": nameKey " << perCall(t1 - t0) << " ns, validateName " << perCall(t2 - t1) << " ns");
    }
    CHECK(sink > 0);
}

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "app/text/text_layout.hpp"

using app::LineSpan;

namespace {

// Latin 1 unit wide, CJK (and full-width punctuation) 2 units, like a real CJK font next to a Latin one.
const auto unitAdvance = [](char32_t c) { return app::isBreakableCjk(c) ? 2.0f : 1.0f; };

std::vector<std::string> wrap(const std::string& text, float width) {
    std::vector<LineSpan> spans;
    app::breakLines(text, width, unitAdvance, spans);
    std::vector<std::string> lines;
    for (const LineSpan& s : spans) lines.push_back(text.substr(s.begin, s.end - s.begin));
    CHECK(app::countLines(text, width, unitAdvance) == lines.size());
    return lines;
}

} // namespace

TEST_CASE("text_layout: short text is one line, empty text one empty line") {
    CHECK(wrap("hello", 10) == std::vector<std::string>{"hello"});
    CHECK(wrap("", 10) == std::vector<std::string>{""});
}

TEST_CASE("text_layout: Latin breaks at spaces, spaces do not start or end lines") {
    CHECK(wrap("the quick brown fox", 10) == std::vector<std::string>{"the quick", "brown fox"});
    CHECK(wrap("aaaa    bbbb", 6) == std::vector<std::string>{"aaaa", "bbbb"});
    CHECK(wrap("ab cd", 5) == std::vector<std::string>{"ab cd"});
}

TEST_CASE("text_layout: Chinese breaks between any two characters") {
    // 6 ideographs of width 2 into width 7: three per line.
    CHECK(wrap("你好聊天室磊", 7) == std::vector<std::string>{"你好聊", "天室磊"});
}

TEST_CASE("text_layout: mixed Chinese and Latin") {
    CHECK(wrap("hi 你好聊 world", 8) == std::vector<std::string>{"hi 你好", "聊 world"});
    // A Latin word right after an ideograph may move to the next line without a space.
    CHECK(wrap("你好abcdef", 8) == std::vector<std::string>{"你好", "abcdef"});
}

TEST_CASE("text_layout: closing punctuation stays with the character before it") {
    // "你好，" must not leave "，" alone at the start of the next line.
    CHECK(wrap("你好，世界", 4) == std::vector<std::string>{"你", "好，", "世界"});
    CHECK(wrap("（你好）", 6) == std::vector<std::string>{"（你", "好）"});
}

TEST_CASE("text_layout: a word longer than the line is cut where it overflows") {
    CHECK(wrap("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    CHECK(wrap("go https://example.com/x", 8) ==
          std::vector<std::string>{"go", "https://", "example.", "com/x"});
}

TEST_CASE("text_layout: newlines are hard breaks, blank lines are kept") {
    CHECK(wrap("a\nb", 10) == std::vector<std::string>{"a", "b"});
    CHECK(wrap("a\n\nb\n", 10) == std::vector<std::string>{"a", "", "b", ""});
    CHECK(wrap("ab cd  \nef", 10) == std::vector<std::string>{"ab cd", "ef"});
}

TEST_CASE("text_layout: a character wider than the line still gets a line of its own") {
    CHECK(wrap("你好", 1) == std::vector<std::string>{"你", "好"});
}

TEST_CASE("text_layout: the range of widths that keep the same wrapping") {
    // Unwrapped: valid from the widest line up, forever.
    app::WrapInfo w = app::wrapText("ab\n你好聊  \nx", 100, unitAdvance);
    CHECK(w.lines == 3);
    CHECK(w.validMin == doctest::Approx(6.0f).epsilon(0.01));
    CHECK(w.validMax == std::numeric_limits<float>::infinity());

    // "the quick" / "brown fox": the first line is 9 wide, and at 15 ("the quick brown") it would change.
    w = app::wrapText("the quick brown fox", 10, unitAdvance);
    CHECK(w.lines == 2);
    CHECK(w.validMin == doctest::Approx(9.0f).epsilon(0.01));
    CHECK(w.validMax == doctest::Approx(11.0f).epsilon(0.01)); // "the quick b" is where it overflowed

    // Every width inside the range really gives the same lines, and the edges are tight enough.
    for (const std::string text :
         {"the quick brown fox jumps over", "你好，世界 hello 聊天室磊 abcdefghijk", "a\nbb ccc"}) {
        for (float width = 3; width < 40; width += 0.5f) {
            const app::WrapInfo info = app::wrapText(text, width, unitAdvance);
            CHECK(info.validMin <= width + app::kWrapEpsilon); // a line exactly as wide as the width
            CHECK(width < info.validMax);
            for (float other = info.validMin; other < std::min(info.validMax, 60.0f); other += 0.25f) {
                CHECK(wrap(text, other) == wrap(text, width));
            }
        }
    }
}

#pragma once
// Word wrapping over UTF-8 code points. Dear ImGui 1.86 only breaks at spaces, so a line of Chinese would
// never wrap; this breaker also breaks between CJK characters (keeping closing punctuation with the
// character before it) and inside words longer than a line.
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>
#include <vector>

namespace app {

/// A non-owning callable "advance width of one code point" (no allocation, cheap to copy).
class AdvanceFn {
public:
    template <typename F>
    requires(!std::is_function_v<F>)
        AdvanceFn(const F& f) // NOLINT: implicit on purpose, any callable float(char32_t) converts
        : m_ctx(&f), m_call([](const void* ctx, char32_t c) { return (*static_cast<const F*>(ctx))(c); }) {}
    /// Width of code point c in pixels.
    float operator()(char32_t c) const { return m_call(m_ctx, c); }

private:
    const void* m_ctx;
    float (*m_call)(const void*, char32_t);
};

/// One laid-out line: byte range [begin, end) of the text, trailing spaces and the newline excluded.
struct LineSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool operator==(const LineSpan&) const = default;
};

/// True for code points after or before which a line may break without a space (CJK ideographs, kana,
/// Hangul, full-width forms).
bool isBreakableCjk(char32_t c);

/// Breaks text into lines no wider than maxWidth (a single character wider than maxWidth still gets its
/// own line). Appends to out; an empty text gives one empty line.
void breakLines(std::string_view text, float maxWidth, AdvanceFn advance, std::vector<LineSpan>& out);

/// Number of lines breakLines would produce, without storing them.
std::uint32_t countLines(std::string_view text, float maxWidth, AdvanceFn advance);

/// How a text wraps at a width, and the range of widths [validMin, validMax) that give exactly the same
/// lines (so a resize by a few pixels needs no new line breaking).
struct WrapInfo {
    std::uint32_t lines = 1;
    float validMin = 0.0f;
    float validMax = std::numeric_limits<float>::infinity();
};

/// Margin kept off both ends of a WrapInfo range (float sums in different orders differ slightly).
constexpr float kWrapEpsilon = 0.01f;

/// Wraps text at maxWidth, returning the line count and the widths for which it holds.
WrapInfo wrapText(std::string_view text, float maxWidth, AdvanceFn advance);

} // namespace app

#include "app/text/text_layout.hpp"

#include <algorithm>

#include "net/utf8.hpp"

namespace app {
namespace {

bool isSpace(char32_t c) { return c == U' ' || c == U'\t'; }

/// Characters a line must not start with (closing punctuation stays with what precedes it).
bool noBreakBefore(char32_t c) {
    switch (c) {
    case U',':
    case U'.':
    case U'!':
    case U'?':
    case U';':
    case U':':
    case U')':
    case U']':
    case U'}':
    case U'，':
    case U'。':
    case U'、':
    case U'；':
    case U'：':
    case U'！':
    case U'？':
    case U'）':
    case U'」':
    case U'』':
    case U'】':
    case U'》':
    case U'〉':
    case U'”':
    case U'’':
    case U'．':
    case U'…':
    case U'·':
    case U'ー':
    case U'〕':
    case U'］':
    case U'｝':
    case U'〗': return true;
    default: return false;
    }
}

/// Characters a line must not end with (opening brackets stay with what follows them).
bool noBreakAfter(char32_t c) {
    switch (c) {
    case U'(':
    case U'[':
    case U'{':
    case U'（':
    case U'「':
    case U'『':
    case U'【':
    case U'《':
    case U'〈':
    case U'“':
    case U'‘':
    case U'〔':
    case U'［':
    case U'｛':
    case U'〖': return true;
    default: return false;
    }
}

bool mayBreakBetween(char32_t prev, char32_t next) {
    if (prev < 0x1100 && next < 0x1100) return false; // the common case: no CJK on either side
    if (noBreakBefore(next) || noBreakAfter(prev)) return false;
    return isBreakableCjk(prev) || isBreakableCjk(next);
}

/// The greedy breaker; emit(begin, end, contentWidth) is called once per line, in order. overflow(v) is
/// called with the width every line that broke would have needed to hold one more character.
template <typename Emit, typename Overflow>
void breakImpl(std::string_view text, float maxWidth, AdvanceFn advance, Emit&& emit, Overflow&& overflow) {
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t lineStart = 0;
    float width = 0.0f;           // width of [lineStart, p), trailing spaces included
    std::size_t spaceRun = kNone; // start of the run of spaces ending at p, if any
    float spaceRunWidth = 0.0f;   // width of [lineStart, spaceRun)
    std::size_t candEnd = kNone;  // last break opportunity: the line would end here...
    float candEndWidth = 0.0f;    // ...being this wide,
    std::size_t candNext = 0;     // ...and the next one start here,
    float candNextWidth = 0.0f;   // which is this far from lineStart
    char32_t prev = 0;
    std::size_t p = 0;
    while (p < text.size()) {
        std::size_t q = p;
        const auto byte = static_cast<unsigned char>(text[p]);
        const char32_t c = byte < 0x80 ? (++q, char32_t(byte)) : net::utf8::decode(text, q);
        if (c == U'\n') {
            const bool spaces = spaceRun != kNone;
            emit(lineStart, spaces ? spaceRun : p, spaces ? spaceRunWidth : width);
            lineStart = q;
            width = 0.0f;
            spaceRun = candEnd = kNone;
            prev = 0;
            p = q;
            continue;
        }
        const float w = advance(c);
        if (isSpace(c)) {
            if (spaceRun == kNone) {
                spaceRun = p;
                spaceRunWidth = width;
                candEnd = p;
                candEndWidth = width;
            }
            width += w;
            candNext = q;
            candNextWidth = width;
            prev = c;
            p = q;
            continue;
        }
        if (spaceRun == kNone && p > lineStart && mayBreakBetween(prev, c)) {
            candEnd = p;
            candEndWidth = width;
            candNext = p;
            candNextWidth = width;
        }
        spaceRun = kNone;
        while (width + w > maxWidth && p > lineStart) {
            overflow(width + w);
            if (candEnd != kNone && candEnd > lineStart) {
                emit(lineStart, candEnd, candEndWidth);
                width -= candNextWidth;
                lineStart = candNext;
            } else { // no opportunity on this line: cut the word where it overflows
                emit(lineStart, p, width);
                width = 0.0f;
                lineStart = p;
            }
            candEnd = kNone;
        }
        width += w;
        prev = c;
        p = q;
    }
    const bool spaces = spaceRun != kNone;
    emit(lineStart, spaces ? spaceRun : text.size(), spaces ? spaceRunWidth : width);
}

} // namespace

bool isBreakableCjk(char32_t c) {
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xA000 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

void breakLines(std::string_view text, float maxWidth, AdvanceFn advance, std::vector<LineSpan>& out) {
    breakImpl(
        text, maxWidth, advance,
        [&out](std::size_t b, std::size_t e, float) {
            out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
        },
        [](float) {});
}

std::uint32_t countLines(std::string_view text, float maxWidth, AdvanceFn advance) {
    return wrapText(text, maxWidth, advance).lines;
}

WrapInfo wrapText(std::string_view text, float maxWidth, AdvanceFn advance) {
    WrapInfo info;
    info.lines = 0;
    breakImpl(
        text, maxWidth, advance,
        [&info](std::size_t, std::size_t, float content) {
            ++info.lines;
            info.validMin = std::max(info.validMin, content);
        },
        [&info](float needed) { info.validMax = std::min(info.validMax, needed); });
    // Widths are float sums taken in different orders: keep a margin off both edges.
    info.validMin += kWrapEpsilon;
    info.validMax -= kWrapEpsilon;
    return info;
}

} // namespace app

#include "app/text_layout.hpp"

#include "net/utf8.hpp"

namespace app {
namespace {

bool isSpace(char32_t c) { return c == U' ' || c == U'\t'; }

/// Characters a line must not start with (closing punctuation stays with what precedes it).
bool noBreakBefore(char32_t c) {
    switch (c) {
    case U',': case U'.': case U'!': case U'?': case U';': case U':': case U')': case U']': case U'}':
    case U'，': case U'。': case U'、': case U'；': case U'：': case U'！': case U'？': case U'）':
    case U'」': case U'』': case U'】': case U'》': case U'〉': case U'”': case U'’': case U'．':
    case U'…': case U'·': case U'ー': case U'〕': case U'］': case U'｝': case U'〗':
        return true;
    default:
        return false;
    }
}

/// Characters a line must not end with (opening brackets stay with what follows them).
bool noBreakAfter(char32_t c) {
    switch (c) {
    case U'(': case U'[': case U'{': case U'（': case U'「': case U'『': case U'【': case U'《':
    case U'〈': case U'“': case U'‘': case U'〔': case U'［': case U'｛': case U'〖':
        return true;
    default:
        return false;
    }
}

bool mayBreakBetween(char32_t prev, char32_t next) {
    if (noBreakBefore(next) || noBreakAfter(prev)) return false;
    return isBreakableCjk(prev) || isBreakableCjk(next);
}

/// The greedy breaker; emit(begin, end) is called once per line, in order.
template <typename Emit>
void breakImpl(std::string_view text, float maxWidth, AdvanceFn advance, Emit&& emit) {
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t lineStart = 0;
    float width = 0.0f;           // width of [lineStart, p), trailing spaces included
    std::size_t spaceRun = kNone; // start of the run of spaces ending at p, if any
    std::size_t candEnd = kNone;  // last break opportunity: the line would end here...
    std::size_t candNext = 0;     // ...and the next one start here,
    float candNextWidth = 0.0f;   // which is this far from lineStart
    char32_t prev = 0;
    std::size_t p = 0;
    while (p < text.size()) {
        std::size_t q = p;
        const char32_t c = net::utf8::decode(text, q);
        if (c == U'\n') {
            emit(lineStart, spaceRun != kNone ? spaceRun : p);
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
                candEnd = p;
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
            candNext = p;
            candNextWidth = width;
        }
        spaceRun = kNone;
        while (width + w > maxWidth && p > lineStart) {
            if (candEnd != kNone && candEnd > lineStart) {
                emit(lineStart, candEnd);
                width -= candNextWidth;
                lineStart = candNext;
            } else { // no opportunity on this line: cut the word where it overflows
                emit(lineStart, p);
                width = 0.0f;
                lineStart = p;
            }
            candEnd = kNone;
        }
        width += w;
        prev = c;
        p = q;
    }
    emit(lineStart, spaceRun != kNone ? spaceRun : text.size());
}

} // namespace

bool isBreakableCjk(char32_t c) {
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xA000 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

NaturalSize measureNatural(std::string_view text, AdvanceFn advance) {
    NaturalSize size;
    float width = 0.0f;   // current line, trailing spaces included
    float content = 0.0f; // current line up to its last non-space
    std::size_t p = 0;
    while (p < text.size()) {
        const char32_t c = net::utf8::decode(text, p);
        if (c == U'\n') {
            ++size.lines;
            width = content = 0.0f;
            continue;
        }
        width += advance(c);
        if (!isSpace(c)) {
            content = width;
            if (content > size.width) size.width = content;
        }
    }
    return size;
}

void breakLines(std::string_view text, float maxWidth, AdvanceFn advance, std::vector<LineSpan>& out) {
    breakImpl(text, maxWidth, advance, [&out](std::size_t b, std::size_t e) {
        out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    });
}

std::uint32_t countLines(std::string_view text, float maxWidth, AdvanceFn advance) {
    std::uint32_t n = 0;
    breakImpl(text, maxWidth, advance, [&n](std::size_t, std::size_t) { ++n; });
    return n;
}

} // namespace app

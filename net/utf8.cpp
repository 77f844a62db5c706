#include "net/utf8.hpp"

namespace net::utf8 {

namespace {
bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }
} // namespace

std::size_t sequenceLength(std::string_view s) {
    if (s.empty()) return 0;
    const auto b0 = static_cast<unsigned char>(s[0]);
    if (b0 < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte (Table 3-7 of Unicode)
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0) lo = 0xA0;      // overlong
        else if (b0 == 0xED) hi = 0x9F; // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0) lo = 0x90;      // overlong
        else if (b0 == 0xF4) hi = 0x8F; // above U+10FFFF
    } else {
        return 0;
    }
    if (s.size() < len) return 0;
    const auto b1 = static_cast<unsigned char>(s[1]);
    if (b1 < lo || b1 > hi) return 0;
    for (std::size_t i = 2; i < len; ++i)
        if (!isContinuation(static_cast<unsigned char>(s[i]))) return 0;
    return len;
}

bool isValid(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        // Fast path for ASCII runs, the common case in chat text.
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = sequenceLength(s.substr(i));
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::size_t countCodePoints(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if (!isContinuation(static_cast<unsigned char>(c))) ++n;
    return n;
}

std::size_t prefixWithin(std::string_view s, std::size_t maxBytes) {
    if (s.size() <= maxBytes) return s.size();
    std::size_t end = maxBytes;
    while (end > 0 && isContinuation(static_cast<unsigned char>(s[end]))) --end;
    return end;
}

char32_t decode(std::string_view s, std::size_t& pos) {
    const std::string_view rest = s.substr(pos);
    const std::size_t n = sequenceLength(rest);
    if (n == 0) {
        ++pos;
        return U'\uFFFD';
    }
    const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(rest[i])); };
    pos += n;
    switch (n) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

} // namespace net::utf8

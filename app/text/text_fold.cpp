#include "app/text/text_fold.hpp"

#include "net/utf8.hpp"

namespace app {

char32_t foldCodePoint(char32_t c) {
    if (c < 0x80) return c >= U'A' && c <= U'Z' ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32; // Latin-1 capitals (× excluded)
    if (c >= 0x100 && c <= 0x17F) {
        // Latin Extended-A pairs capital/small; U+0130 (İ → i) would change length and is left alone.
        const bool oddCapitals = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
        if (c == 0x178) return 0xFF; // Ÿ → ÿ
        if (oddCapitals) return (c % 2 == 1) ? c + 1 : c;
        return (c % 2 == 0) ? c + 1 : c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32; // Greek capitals
    if (c == 0x3C2) return 0x3C3;                              // final sigma matches sigma
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x410 && c <= 0x42F) return c + 32;   // Cyrillic А..Я
    if (c >= 0x400 && c <= 0x40F) return c + 80;   // Ѐ..Џ
    if (c >= 0xFF21 && c <= 0xFF3A) return c + 32; // full-width Ａ..Ｚ
    return c;
}

void foldCase(std::string_view text, std::string& out) {
    out.assign(text.data(), text.size());
    std::size_t p = 0;
    while (p < text.size()) {
        const auto byte = static_cast<unsigned char>(text[p]);
        if (byte < 0x80) {
            if (byte >= 'A' && byte <= 'Z') out[p] = static_cast<char>(byte + 32);
            ++p;
            continue;
        }
        // Three-byte characters other than 0xEF-led ones (full-width forms) and four-byte ones have no
        // case here: skip them without decoding (most Chinese text takes this path).
        if (byte >= 0xE0 && byte < 0xEF && p + 3 <= text.size()) {
            p += 3;
            continue;
        }
        std::size_t q = p;
        const char32_t c = net::utf8::decode(text, q);
        const char32_t f = foldCodePoint(c);
        if (f != c) {
            std::string enc; // small string: stays in the object, no allocation
            net::utf8::append(enc, f);
            if (enc.size() == q - p) out.replace(p, enc.size(), enc);
        }
        p = q;
    }
}

TextMatcher::TextMatcher(std::string_view query) { foldCase(query, m_needle); }

bool TextMatcher::contains(std::string_view text) const {
    if (m_needle.empty() || text.size() < m_needle.size()) return false;
    foldCase(text, m_folded);
    return m_folded.find(m_needle) != std::string::npos;
}

void TextMatcher::findAll(std::string_view text, std::vector<ByteRange>& out) const {
    if (m_needle.empty() || text.size() < m_needle.size()) return;
    foldCase(text, m_folded);
    // The needle starts with a lead byte and texts are valid UTF-8, so a match starts on a character.
    for (std::size_t at = m_folded.find(m_needle); at != std::string::npos;
         at = m_folded.find(m_needle, at + m_needle.size())) {
        out.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + m_needle.size())});
    }
}

} // namespace app

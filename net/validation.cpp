#include "net/validation.hpp"

#include "net/utf8.hpp"

namespace net {

namespace {
bool isControl(char32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0); }
bool isBlank(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000; }
} // namespace

ErrorCode validateName(std::string_view name) {
    if (name.empty() || name.size() > kMaxNameBytes || !utf8::isValid(name)) return ErrorCode::InvalidName;
    if (utf8::countCodePoints(name) > kMaxNameCodePoints) return ErrorCode::InvalidName;
    std::size_t pos = 0;
    char32_t first = 0, last = 0;
    while (pos < name.size()) {
        const char32_t cp = utf8::decode(name, pos);
        if (isControl(cp)) return ErrorCode::InvalidName;
        if (first == 0) first = cp;
        last = cp;
    }
    if (isBlank(first) || isBlank(last)) return ErrorCode::InvalidName;
    return ErrorCode::None;
}

ErrorCode validateText(std::string_view text, std::size_t maxBytes) {
    if (!utf8::isValid(text)) return ErrorCode::InvalidUtf8;
    if (text.size() > maxBytes) return ErrorCode::TextTooLong;
    bool blank = true;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = utf8::decode(text, pos);
        if (isControl(cp) && cp != U'\n' && cp != U'\t') return ErrorCode::InvalidText;
        blank = blank && isBlank(cp);
    }
    return blank ? ErrorCode::EmptyText : ErrorCode::None;
}

std::string nameKey(std::string_view name) {
    std::string key(name);
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

} // namespace net

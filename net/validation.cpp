#include "net/validation.hpp"

#include "net/utf8.hpp"

namespace net {

namespace {
bool isControl(char32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0); }
} // namespace

ErrorCode validateName(std::string_view name) {
    return normalizeName(name) ? ErrorCode::None : ErrorCode::InvalidName;
}

ErrorCode validateText(std::string_view text, std::size_t maxBytes) {
    if (!utf8::isValid(text)) return ErrorCode::InvalidUtf8;
    if (text.size() > maxBytes) return ErrorCode::TextTooLong;
    bool blank = true;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = utf8::decode(text, pos);
        if (isControl(cp) && cp != U'\n' && cp != U'\t') return ErrorCode::InvalidText;
        blank = blank && isInvisible(cp); // stops asking at the first visible character
    }
    return blank ? ErrorCode::EmptyText : ErrorCode::None;
}

} // namespace net

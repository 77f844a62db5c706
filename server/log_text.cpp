#include "server/log_text.hpp"

#include <cstdio>

#include "net/utf8.hpp"

namespace server {

namespace {

bool mustEscape(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || // C0, DEL, C1 (ESC starts terminal codes)
           c == 0x2028 || c == 0x2029 ||                       // line and paragraph separators
           c == 0x061C || c == 0x200E || c == 0x200F ||        // bidi marks
           (c >= 0x202A && c <= 0x202E) ||                     // bidi embeddings and overrides
           (c >= 0x2066 && c <= 0x2069) ||                     // bidi isolates
           c == 0xFEFF;                                        // BOM / zero-width no-break space
}

void escape(std::string& out, const char* format, unsigned value) {
    char buf[16];
    std::snprintf(buf, sizeof buf, format, value);
    out += buf;
}

} // namespace

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t n = net::utf8::sequenceLength(text.substr(pos));
        if (n == 0) {
            escape(out, "\\x{%02X}", static_cast<unsigned char>(text[pos++]));
            continue;
        }
        std::size_t at = pos;
        const char32_t c = net::utf8::decode(text, at);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (mustEscape(c)) {
            escape(out, "\\u{%04X}", static_cast<unsigned>(c));
        } else {
            out.append(text.substr(pos, n));
        }
        pos += n;
    }
    return out + "\"";
}

} // namespace server

#pragma once
// UTF-8 helpers shared by the codec, the server and the client. Strict RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace net::utf8 {

/// Length in bytes of the valid code point starting at s[0], or 0 when it is not valid UTF-8.
std::size_t sequenceLength(std::string_view s);

/// True when every byte of s belongs to a well-formed code point.
bool isValid(std::string_view s);

/// Number of code points in s (s must be valid).
std::size_t countCodePoints(std::string_view s);

/// Largest prefix length <= maxBytes that ends on a code-point boundary (s must be valid).
std::size_t prefixWithin(std::string_view s, std::size_t maxBytes);

/// Decodes the code point at s[pos] and advances pos; returns U+FFFD and skips one byte on invalid input.
char32_t decode(std::string_view s, std::size_t& pos);

/// Appends the UTF-8 encoding of cp to out (cp must be a scalar value).
template <typename String>
void append(String& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

} // namespace net::utf8

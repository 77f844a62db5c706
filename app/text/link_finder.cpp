#include "app/text/link_finder.hpp"

#include <algorithm>

namespace app {
namespace {

bool isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool urlChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false; // spaces, controls and every non-ASCII byte end a link
    return c != '<' && c != '>' && c != '"' && c != '`' && c != '{' && c != '}' && c != '|' && c != '\\' &&
           c != '^';
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c != prefix[i]) return false;
    }
    return true;
}

/// Where the link starting at begin (just past "://" at hostAt) really ends.
std::size_t trimEnd(std::string_view text, std::size_t hostAt, std::size_t end) {
    for (;;) {
        if (end <= hostAt) return end;
        const char last = text[end - 1];
        if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' ||
            last == '\'' || last == '*') {
            --end;
            continue;
        }
        const char open = last == ')' ? '(' : last == ']' ? '[' : 0;
        if (open != 0) { // keep "wiki/Foo_(bar)" whole, drop the ")" of "(see https://a.b)"
            const std::string_view body = text.substr(hostAt, end - hostAt);
            if (std::count(body.begin(), body.end(), open) < std::count(body.begin(), body.end(), last)) {
                --end;
                continue;
            }
        }
        return end;
    }
}

} // namespace

void findLinks(std::string_view text, std::vector<ByteRange>& out) {
    std::size_t p = 0;
    while ((p = text.find("://", p)) != std::string_view::npos) {
        const std::size_t hostAt = p + 3;
        std::size_t begin = std::string_view::npos;
        if (p >= 5 && startsWithNoCase(text.substr(p - 5), "https")) begin = p - 5;
        else if (p >= 4 && startsWithNoCase(text.substr(p - 4), "http")) begin = p - 4;
        // "xhttp://" is not a link; "看http://" is (the byte before is part of a Chinese character).
        if (begin == std::string_view::npos || (begin > 0 && isAsciiAlnum(text[begin - 1]))) {
            p = hostAt;
            continue;
        }
        std::size_t end = hostAt;
        while (end < text.size() && urlChar(text[end])) ++end;
        end = trimEnd(text, hostAt, end);
        if (end > hostAt && text[hostAt] != '/') {
            out.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
        }
        p = std::max(end, hostAt);
    }
}

} // namespace app

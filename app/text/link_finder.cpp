#include "app/text/link_finder.hpp"

#include <algorithm>

#include "net/utf8.hpp"

namespace app {
namespace {

bool isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool asciiUrlChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
    return c != '<' && c != '>' && c != '"' && c != '`' && c != '{' && c != '}' && c != '|' && c != '\\' &&
           c != '^';
}

/// Non-ASCII characters that end a link's path: spaces and punctuation (general, CJK, full-width, Latin-1).
bool endsPath(char32_t c) {
    return (c >= 0x80 && c <= 0xBF) || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xFEFF;
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

/// Where the link whose host starts at hostAt runs to, before trimming.
std::size_t scanEnd(std::string_view text, std::size_t hostAt) {
    std::size_t end = hostAt;
    bool inPath = false;
    while (end < text.size()) {
        const char c = text[end];
        if (static_cast<unsigned char>(c) < 0x80) {
            if (!asciiUrlChar(c)) break;
            inPath |= c == '/' || c == '?' || c == '#';
            ++end;
            continue;
        }
        if (!inPath) break; // "看https://a.cn好": the host is ASCII
        std::size_t next = end;
        if (endsPath(net::utf8::decode(text, next))) break;
        end = next;
    }
    return end;
}

/// Where the link (its host at hostAt) really ends: without sentence punctuation or a closing bracket that
/// was not opened inside it.
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

/// A bare address: "www." then a host with another dot in it ("www.example.org").
bool plausibleWwwHost(std::string_view text, std::size_t hostAt, std::size_t end) {
    std::size_t hostEnd = hostAt + 4;
    while (hostEnd < end && (isAsciiAlnum(text[hostEnd]) || text[hostEnd] == '-' || text[hostEnd] == '.'))
        ++hostEnd;
    const std::string_view host = text.substr(hostAt + 4, hostEnd - hostAt - 4);
    const std::size_t dot = host.find('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < host.size();
}

} // namespace

void findLinks(std::string_view text, std::vector<ByteRange>& out) {
    std::size_t p = 0;
    while (p < text.size()) {
        const std::string_view rest = text.substr(p);
        std::size_t hostAt = std::string_view::npos;
        if (startsWithNoCase(rest, "https://")) hostAt = p + 8;
        else if (startsWithNoCase(rest, "http://")) hostAt = p + 7;
        else if (startsWithNoCase(rest, "www.")) hostAt = p;
        // "xhttp://" and "awww.b.c" are not links; "看http://" is (the byte before is part of a character).
        const bool joined = p > 0 && (isAsciiAlnum(text[p - 1]) || text[p - 1] == '.' || text[p - 1] == '/');
        if (hostAt == std::string_view::npos || joined) {
            ++p;
            continue;
        }
        const std::size_t end = trimEnd(text, hostAt, scanEnd(text, hostAt));
        const bool www = hostAt == p;
        if (end > hostAt && text[hostAt] != '/' && (!www || plausibleWwwHost(text, hostAt, end))) {
            out.push_back({static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(end)});
            p = end;
        } else {
            p = std::max(hostAt, p + 1);
        }
    }
}

std::string linkTarget(std::string_view link) {
    std::string target = startsWithNoCase(link, "www.") ? "http://" : "";
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : link) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80) {
            target.push_back(c);
        } else {
            target.push_back('%');
            target.push_back(kHex[u >> 4]);
            target.push_back(kHex[u & 0x0F]);
        }
    }
    return target;
}

} // namespace app

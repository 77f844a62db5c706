#include "app/text/reply_quote.hpp"

#include <charconv>

#include "net/utf8.hpp"

namespace app {
namespace {

constexpr std::string_view kQuoteStart = "> @";
constexpr std::string_view kShownStart = "\u21AA "; // ↪
constexpr std::size_t kExcerptBytes = 60;

/// Reads "#<digits>" at s[at...]; the seq and where it ends.
std::optional<std::pair<std::uint64_t, std::size_t>> readSeq(std::string_view s, std::size_t at) {
    if (at >= s.size() || s[at] != '#') return std::nullopt;
    std::uint64_t seq = 0;
    const auto [end, err] = std::from_chars(s.data() + at + 1, s.data() + s.size(), seq);
    if (err != std::errc() || end == s.data() + at + 1 || seq == 0) return std::nullopt;
    return std::pair{seq, static_cast<std::size_t>(end - s.data())};
}

} // namespace

std::string replyPrefix(std::string_view name, std::uint64_t seq, std::string_view text) {
    std::string_view first = text.substr(0, text.find('\n'));
    const bool cut = first.size() > kExcerptBytes;
    if (cut) first = first.substr(0, net::utf8::prefixWithin(first, kExcerptBytes));
    return std::string(kQuoteStart)
        .append(name)
        .append(" #")
        .append(std::to_string(seq))
        .append(": ")
        .append(first)
        .append(cut ? "\u2026" : "")
        .append("\n");
}

std::optional<ReplyQuote> parseReply(std::string_view text) {
    if (!text.starts_with(kQuoteStart)) return std::nullopt;
    const std::size_t lineEnd = text.find('\n');
    if (lineEnd == std::string_view::npos || lineEnd + 1 >= text.size()) return std::nullopt; // no answer
    const std::string_view line = text.substr(0, lineEnd);
    const std::size_t space = line.find(' ', kQuoteStart.size());
    if (space == std::string_view::npos || space == kQuoteStart.size()) return std::nullopt;
    const auto seq = readSeq(line, space + 1);
    if (!seq || line.substr(seq->second, 2) != ": ") return std::nullopt;
    ReplyQuote q;
    q.name = std::string(line.substr(kQuoteStart.size(), space - kQuoteStart.size()));
    q.seq = seq->first;
    q.excerpt = std::string(line.substr(seq->second + 2));
    return q;
}

std::string shownReply(std::string_view text) {
    const auto q = parseReply(text);
    if (!q) return std::string(text);
    return std::string(kShownStart)
        .append(q->name)
        .append(" #")
        .append(std::to_string(q->seq))
        .append(": ")
        .append(q->excerpt)
        .append(text.substr(text.find('\n')));
}

std::optional<std::uint64_t> quotedSeq(std::string_view shown) {
    if (!shown.starts_with(kShownStart)) return std::nullopt;
    const std::string_view line = shown.substr(0, shown.find('\n'));
    const std::size_t space = line.find(' ', kShownStart.size());
    if (space == std::string_view::npos) return std::nullopt;
    const auto seq = readSeq(line, space + 1);
    if (!seq) return std::nullopt;
    return seq->first;
}

} // namespace app

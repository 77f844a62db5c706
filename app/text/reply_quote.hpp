#pragma once
// Replies, as a convention inside the text (PROTOCOL.md §5.2): a reply's first line quotes the message it
// answers, "> @alice #1234: its first line", and the answer follows on the next line. Other clients show the
// quote line as it is; this window shows it as "↪ alice #1234: its first line" and scrolls to message 1234
// when the line is clicked.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace app {

struct ReplyQuote {
    std::string name;      // who wrote the quoted message
    std::uint64_t seq = 0; // its seq (public in the room, private in a private conversation)
    std::string excerpt;   // the start of its first line
};

/// The quote line a reply to (name, seq, text) begins with, newline included; the excerpt is text's first
/// line cut at about 60 bytes on a character boundary.
std::string replyPrefix(std::string_view name, std::uint64_t seq, std::string_view text);

/// The quote a text begins with, if it is a reply (a quote line and an answer after it).
std::optional<ReplyQuote> parseReply(std::string_view text);

/// The text as the window shows it: the quote line as "↪ name #seq: excerpt"; other texts unchanged.
std::string shownReply(std::string_view text);

/// The seq a shown reply's first line refers to (from shownReply's form), if any.
std::optional<std::uint64_t> quotedSeq(std::string_view shown);

} // namespace app

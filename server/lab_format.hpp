#pragma once
// The original lab's raw-text protocol (shared/seed; README, "The lab's own client"), with no I/O: what its
// client sends, found in the byte stream, and what it reads, written. Its client sends one message per
// send(), "[YYYY-mm-dd HH:MM:SS] IP - NAME\n TEXT", with no framing and no end marker: a message ends where
// the next header begins, or where the bytes stop coming (the caller says when: `settled`).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "net/messages.hpp"

namespace server::lab {

/// The lab client's recv() size: none of its reads takes more, and none of its messages was longer.
constexpr std::size_t kReadBytes = 2048;
/// The lab server's answer on connect when it had no history.
constexpr std::string_view kNoMessage = "NO_MESSAGE";

/// One message as a lab client sent it: only the name is taken, the stamp and address are the server's own.
struct Said {
    std::string name;
    std::string text;
};

/// Why bytes were refused.
enum class Refusal { None, Garbage, TooLong, InvalidUtf8 };

/// Finds the lab's messages in a byte stream, bounded: a message longer than kReadBytes is refused and
/// skipped, and so is anything that does not begin with the lab's header.
class Parser {
public:
    enum class Status { Complete, NeedMore, Bad };

    /// Appends received bytes.
    void feed(std::string_view bytes);
    /// The next message; settled: no bytes came for a while, so what the buffer ends with is whole. Bad drops
    /// the refused bytes (refusal() says why); the next call goes on after them.
    Status next(Said& out, bool settled);
    Refusal refusal() const { return m_refusal; }
    /// Whether bytes are held (part of a message).
    bool holding() const { return !m_buffer.empty(); }

private:
    Status refuse(Refusal why, std::size_t drop);
    /// Where the message that begins the buffer ends (the next header's start), or npos: not seen yet.
    std::size_t messageEnd(std::size_t textStart);

    std::string m_buffer;
    std::size_t m_searchedTo = 0; // where messageEnd() goes on: what lies before it ends no message
    bool m_skipping = false;      // inside a refused message too long to hold: dropped up to the next header
    Refusal m_refusal = Refusal::None;
};

/// Whether s begins with a whole header line "[YYYY-mm-dd HH:MM:SS] IP - NAME" (up to '\n' or its end);
/// name: NAME without the spaces around it.
bool parseHeader(std::string_view line, std::string* name = nullptr);

/// "[YYYY-mm-dd HH:MM:SS] IP - NAME\n TEXT", the stamp in the server's local time as the lab's
/// time.localtime.
std::string line(const net::Chat& chat);
/// What a lab client reads first: the newest lines that fit kReadBytes whole, oldest first, joined by '\n'
/// (lines newest first, as storage reads them); kNoMessage when there are none.
std::string history(const std::vector<std::string>& newestFirst);
/// Cuts text into pieces of at most kReadBytes, each ending on a character boundary.
std::vector<std::string> pieces(std::string_view text);

/// Whether a name (its key) ends with net::kLabNameMark, in any of its look-alike spellings.
bool marked(const std::string& nameKey);

/// The plain line a lab user reads when the server refuses something (a Chinese sentence, like the lab's own
/// prompts), for an imchat error code or a refusal of the parser.
std::string refusalLine(net::ErrorCode code);
std::string refusalLine(Refusal why);
/// A name a lab user may not use: registered (its owner signs in), or someone online holds it.
std::string nameRegisteredLine();
std::string nameOnlineLine();
std::string registrationRequiredLine();

/// The lab's head-count notices, word for word.
std::string youJoined(std::size_t online);
std::string someoneJoined(std::size_t online);
std::string someoneLeft(std::size_t online);

} // namespace server::lab

#pragma once
// What pressing Enter in the input box means, decided without any UI: the lab's prompts for an empty name
// or message, the commands (/msg name text, /me action, /nick name, /register for the dialog that registers
// our name: a password is never typed into the input box, /help), "//" for text that starts with a slash,
// a private tab's messages going to its peer, and the length limit checked before anything is sent.
#include <cstdint>
#include <string>
#include <string_view>

#include "app/text/i18n.hpp"

namespace app {

struct Outgoing {
    enum class Kind { Prompt, Note, Say, Whisper, Register, Nick };
    Kind kind = Kind::Prompt;
    std::string to;         // Whisper: the recipient; Nick: the new name
    std::string text;       // Say/Whisper: the message; Prompt/Note: what to tell the user
    bool keepInput = false; // the input box keeps its text (the user fixes it instead of retyping)
};

/// How a text stands against the server's limit, in the units the hint shows.
struct TextBudget {
    std::size_t bytes = 0;     // UTF-8 bytes of the text
    std::size_t bytesLeft = 0; // room left (0 when over)
    std::size_t charsOver = 0; // characters to delete from the end to fit (whole characters, never half)
};

/// Measures text (valid UTF-8) against maxTextBytes.
TextBudget textBudget(std::string_view text, std::uint32_t maxTextBytes);

/// Interprets the input box. peer is the private conversation's peer ("" in the room). A command is a slash
/// and an ASCII letter at the very start; any other text starting with a slash is sent as typed.
Outgoing interpretInput(std::string_view name, std::string_view input, std::string_view peer,
                        std::uint32_t maxTextBytes, const Strings& s);

} // namespace app

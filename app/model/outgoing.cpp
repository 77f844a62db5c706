#include "app/model/outgoing.hpp"

#include <utility>

#include "net/utf8.hpp"
#include "net/validation.hpp"

namespace app {
namespace {

bool isBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

Outgoing prompt(std::string text, bool keepInput) {
    Outgoing o;
    o.text = std::move(text);
    o.keepInput = keepInput;
    return o;
}

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// What follows the command word, without the spaces before it.
std::string_view argument(std::string_view input, std::size_t commandLength) {
    const std::string_view rest = input.substr(commandLength);
    const std::size_t start = rest.find_first_not_of(' ');
    return start == std::string_view::npos ? std::string_view() : rest.substr(start);
}

} // namespace

TextBudget textBudget(std::string_view text, std::uint32_t maxTextBytes) {
    TextBudget b;
    b.bytes = text.size();
    if (text.size() <= maxTextBytes) {
        b.bytesLeft = maxTextBytes - text.size();
        return b;
    }
    // What fits ends on a character boundary; everything after it has to go.
    const std::size_t fits = net::utf8::prefixWithin(text, maxTextBytes);
    b.charsOver = net::utf8::countCodePoints(text.substr(fits));
    return b;
}

Outgoing interpretInput(std::string_view name, std::string_view input, std::string_view peer,
                        std::uint32_t maxTextBytes, const Strings& s) {
    // The lab checks the name first: no name, nothing is sent whatever the message.
    if (isBlank(name)) return prompt(s.enterName, true);
    if (isBlank(input)) return prompt(s.emptyMessage, false);

    Outgoing out;
    out.kind = peer.empty() ? Outgoing::Kind::Say : Outgoing::Kind::Whisper;
    out.to = std::string(peer);
    out.text = std::string(input);
    if (input.starts_with("//")) {
        out.text = std::string(input.substr(1)); // "//usr" sends "/usr"
    } else if (input.size() >= 2 && input[0] == '/' && isAsciiLetter(input[1])) {
        const std::string_view command = input.substr(0, input.find_first_of(" \n"));
        const std::string_view arg = argument(input, command.size());
        if (command == "/register") {
            out.kind = Outgoing::Kind::Register;
            return out;
        }
        if (command == "/help") {
            out.kind = Outgoing::Kind::Note;
            out.text = s.helpText;
            return out;
        }
        if (command == "/nick") {
            if (isBlank(arg)) return prompt(s.nickUsage, true);
            out.kind = Outgoing::Kind::Nick;
            out.to = std::string(arg.substr(0, arg.find_last_not_of(" \t") + 1));
            if (net::validateName(out.to) != net::ErrorCode::None)
                return prompt(format(s.invalidName, out.to.c_str()), true);
            return out;
        }
        if (command == "/me") {
            // Sent as typed: every window shows a text starting with "/me " as "* name action".
            if (isBlank(arg)) return prompt(s.meUsage, true);
        } else if (command == "/msg") {
            const std::size_t space = arg.find(' ');
            if (space == std::string_view::npos || isBlank(arg.substr(space + 1)))
                return prompt(s.msgUsage, true);
            out.kind = Outgoing::Kind::Whisper;
            out.to = std::string(arg.substr(0, space));
            out.text = std::string(arg.substr(space + 1));
            if (net::validateName(out.to) != net::ErrorCode::None) return prompt(s.invalidRecipient, true);
        } else {
            return prompt(format(s.unknownCommand, std::string(command).c_str()), true);
        }
    }
    switch (net::validateText(out.text, maxTextBytes)) {
    case net::ErrorCode::None: return out;
    case net::ErrorCode::TextTooLong:
        return prompt(format(s.textTooLongBy, textBudget(out.text, maxTextBytes).charsOver, maxTextBytes),
                      true);
    case net::ErrorCode::EmptyText: return prompt(s.emptyMessage, false);
    default: return prompt(s.invalidText, true);
    }
}

} // namespace app

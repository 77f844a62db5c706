#include "app/model/outgoing.hpp"

#include "net/utf8.hpp"
#include "net/validation.hpp"

namespace app {
namespace {

bool isBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

Outgoing prompt(const char* text, bool keepInput) {
    Outgoing o;
    o.text = text;
    o.keepInput = keepInput;
    return o;
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
    if (input == "/register") {
        out.kind = Outgoing::Kind::Register;
        return out;
    }
    out.kind = peer.empty() ? Outgoing::Kind::Say : Outgoing::Kind::Whisper;
    out.to = std::string(peer);
    out.text = std::string(input);
    if (input.starts_with("/msg ") || input == "/msg") {
        std::string_view rest = input.substr(input.size() > 4 ? 5 : 4);
        const std::size_t start = rest.find_first_not_of(' ');
        rest = start == std::string_view::npos ? std::string_view() : rest.substr(start);
        const std::size_t space = rest.find(' ');
        if (space == std::string_view::npos || isBlank(rest.substr(space + 1)))
            return prompt(s.msgUsage, true);
        out.kind = Outgoing::Kind::Whisper;
        out.to = std::string(rest.substr(0, space));
        out.text = std::string(rest.substr(space + 1));
        if (net::validateName(out.to) != net::ErrorCode::None) return prompt(s.invalidRecipient, true);
    }
    switch (net::validateText(out.text, maxTextBytes)) {
    case net::ErrorCode::None: return out;
    case net::ErrorCode::TextTooLong: {
        Outgoing o = prompt("", true);
        o.text = format(s.textTooLongBy, textBudget(out.text, maxTextBytes).charsOver, maxTextBytes);
        return o;
    }
    case net::ErrorCode::EmptyText: return prompt(s.emptyMessage, false);
    default: return prompt(s.invalidText, true);
    }
}

} // namespace app

#pragma once
// Rules for names and message text, shared by the server (which enforces them) and the client
// (which checks before sending so the user gets the hint without a round trip).
#include <string>
#include <string_view>

#include "net/messages.hpp"
#include "net/name_rules.hpp"

namespace net {

/// None when name is acceptable (§5.1: normalizeName gives its NFC form); InvalidName otherwise (empty, too
/// long, control, invisible or unassigned characters, leading/trailing space, invalid UTF-8).
ErrorCode validateName(std::string_view name);

/// What the server appends to the name of a user of the lab's own client (--legacy-port, PROTOCOL.md §17):
/// its name is not proven and it takes no private messages. A Hello may not end with it.
inline constexpr std::string_view kLabNameMark = " (lab)";
/// Whether a name as the server sent it is a lab client's.
inline bool isLabName(std::string_view name) {
    return name.size() > kLabNameMark.size() && name.ends_with(kLabNameMark);
}

/// None when text may be sent: valid UTF-8, at most maxBytes bytes, not blank (only invisible characters),
/// no control characters but tab and newline.
ErrorCode validateText(std::string_view text, std::size_t maxBytes);

} // namespace net

#pragma once
// Rules for names and message text, shared by the server (which enforces them) and the client
// (which checks before sending so the user gets the hint without a round trip).
#include <string>
#include <string_view>

#include "net/messages.hpp"

namespace net {

/// None when name is acceptable; InvalidName otherwise (empty, too long, control characters,
/// leading/trailing spaces, invalid UTF-8).
ErrorCode validateName(std::string_view name);

/// None when text may be sent: valid UTF-8, at most maxBytes bytes, not blank, no control characters
/// but tab and newline.
ErrorCode validateText(std::string_view text, std::size_t maxBytes);

/// Case-insensitive key for a name (ASCII letters folded), used for uniqueness and mailboxes.
std::string nameKey(std::string_view name);

} // namespace net

#pragma once
// What users chose (names), made safe for the server's log: in double quotes, with every character that
// could forge or hide part of a line escaped as \u{XXXX}: controls, line and paragraph separators, and the
// bidirectional overrides and isolates that would show a line's text in another order than it was written.
#include <string>
#include <string_view>

namespace server {

/// "name", escaped; invalid UTF-8 bytes as \x{XX}.
std::string quoted(std::string_view text);

} // namespace server

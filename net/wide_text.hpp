#pragma once
// Windows only: imchat holds text and paths as UTF-8 everywhere; the wide (UTF-16) Win32 calls get them
// converted at the call.
#include <string>
#include <string_view>

namespace net {

/// UTF-8 to UTF-16 (invalid sequences become U+FFFD).
std::wstring widen(std::string_view utf8);

/// UTF-16 to UTF-8.
std::string narrow(std::wstring_view utf16);

} // namespace net

#pragma once
#include <string>

// Where the window's own words (--help, --version, errors, the screenshot report) are printed. On Windows
// imchat.exe is a GUI program, so starting it from the Start menu opens no console window; started from a
// console, it has none of its own and borrows that one (parent_console_windows.cpp). On POSIX stdout and
// stderr are already the terminal's (parent_console.cpp).

namespace app {

/// Prints to the console the program was started from, when it has none and its output is not
/// redirected. Call first in main().
void useParentConsole();

/// Says why the window cannot start ("imchat: " + why on stderr); on Windows also in a message box when
/// nothing would show stderr (started from the Start menu or Explorer).
void reportStartFailure(const std::string& why);

} // namespace app

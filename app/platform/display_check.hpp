#pragma once
// Whether a window can open at all, asked before trying (GLFW's own failure says less).
#include <string>

namespace app {

/// Why no window can open here, with what to do instead; empty when one can. POSIX (display_check.cpp):
/// neither DISPLAY nor WAYLAND_DISPLAY is set. Windows (display_check_windows.cpp): always empty.
std::string noDisplayExplanation();

} // namespace app

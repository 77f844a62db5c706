#pragma once
// The window's keyboard shortcuts, read from ImGui's key state (no GLFW call, so tests can press them).
namespace app {

enum class Shortcut { None, Find, FontLarger, FontSmaller, FontReset, Copy, Screenshot };

/// The shortcut pressed this frame, if any.
Shortcut pressedShortcut();

} // namespace app

#pragma once
// How much larger than at 96 dpi the window draws its text and widgets, for the monitor it is on.
// Windows (display_scale_windows.cpp): the manifest declares the program per-monitor DPI aware, so Windows
// does not stretch its pixels on a 150 % monitor; the window follows the monitor's scale itself, and GLFW
// resizes it when it moves to a monitor of another scale. POSIX (display_scale.cpp): always 1, the sizes
// asked for are the sizes drawn, as the window always did (X11's Xft.dpi is not followed).
struct GLFWwindow;

namespace app {

/// The window hints for a window that follows its monitor's scale; call before glfwCreateWindow.
void hintDisplayScale();

/// The factor to draw window's contents larger by (1: 96 dpi, or not followed).
float displayScale(GLFWwindow* window);

} // namespace app

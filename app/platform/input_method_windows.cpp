#include "app/platform/input_method.hpp"

#include <windows.h>

#include <imm.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_WIN32
#include <GLFW/glfw3native.h>
#include <imgui.h>

namespace app {
namespace {

HWND s_window = nullptr; // the one ImGui window's (the callback below takes no context)

/// ImGui calls this when the caret of the active text box moved: (x, y) is the top-left of the caret's
/// line, in the window's client pixels.
void placeInputMethod(int x, int y) {
    HIMC context = ImmGetContext(s_window);
    if (!context) return; // no input method for this window's keyboard layout
    COMPOSITIONFORM composition{};
    composition.dwStyle = CFS_FORCE_POSITION;
    composition.ptCurrentPos = {x, y};
    ImmSetCompositionWindow(context, &composition);
    // The candidate list goes below the line, never over it.
    const int line = static_cast<int>(ImGui::GetFontSize());
    CANDIDATEFORM candidates{};
    candidates.dwIndex = 0;
    candidates.dwStyle = CFS_EXCLUDE;
    candidates.ptCurrentPos = {x, y + line};
    candidates.rcArea = {x, y, x + 1, y + line};
    ImmSetCandidateWindow(context, &candidates);
    ImmReleaseContext(s_window, context);
}

} // namespace

// ImGui 1.86 has this placement built in for Win32 (io.ImeWindowHandle, which its GLFW backend fills), but
// compiles it out under MinGW (IMGUI_DISABLE_WIN32_DEFAULT_IME_FUNCTIONS unless told otherwise): so it
// is done here.
void followCaretWithInputMethod(GLFWwindow* window) {
    s_window = glfwGetWin32Window(window);
    ImGui::GetIO().ImeWindowHandle = s_window;
    ImGui::GetIO().ImeSetInputScreenPosFn = placeInputMethod;
}

} // namespace app

#pragma once
// Where the input method (IME) shows what is being composed: next to the text caret, not in a corner of
// the screen. Committed text (汉字 chosen from the candidates) reaches ImGui as typed characters through
// GLFW's char callback on every platform; only the placing differs.
struct GLFWwindow;

namespace app {

/// Makes the IME's composition and candidate windows follow ImGui's text caret in window. Call after the
/// ImGui GLFW backend is initialised. Windows (input_method_windows.cpp): through IMM32. Elsewhere
/// (input_method.cpp) nothing: GLFW 3.3 has no way to tell an X11 or Wayland input method where the caret is.
void followCaretWithInputMethod(GLFWwindow* window);

} // namespace app

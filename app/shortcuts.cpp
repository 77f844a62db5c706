#include "app/shortcuts.hpp"

#include <imgui.h>

namespace app {
namespace {

// GLFW key codes: ImGui 1.86's GLFW backend indexes io.KeysDown with them (printable keys are their
// ASCII upper-case code).
constexpr int kKeyC = 'C';
constexpr int kKeyF = 'F';
constexpr int kKeyZero = '0';
constexpr int kKeyEqual = '=';
constexpr int kKeyMinus = '-';
constexpr int kKeyPadSubtract = 333;
constexpr int kKeyPadAdd = 334;
constexpr int kKeyF12 = 301;

bool pressed(int key) { return ImGui::IsKeyPressed(key, false); }

} // namespace

Shortcut pressedShortcut() {
    const ImGuiIO& io = ImGui::GetIO();
    if (pressed(kKeyF12)) return Shortcut::Screenshot;
    if (!io.KeyCtrl || io.KeyAlt) return Shortcut::None;
    if (pressed(kKeyF)) return Shortcut::Find;
    if (pressed(kKeyC)) return Shortcut::Copy;
    if (pressed(kKeyEqual) || pressed(kKeyPadAdd)) return Shortcut::FontLarger;
    if (pressed(kKeyMinus) || pressed(kKeyPadSubtract)) return Shortcut::FontSmaller;
    if (pressed(kKeyZero)) return Shortcut::FontReset;
    return Shortcut::None;
}

} // namespace app

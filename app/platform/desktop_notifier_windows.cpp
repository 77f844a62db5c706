#include "app/platform/desktop_notifier.hpp"

// Windows: no notifications. A toast needs the app registered with the shell (a Start-menu shortcut with an
// AppUserModelID) and WinRT; a tray balloon needs a tray icon of its own. What Windows users expect from a
// chat window is already there without either: on a private message or a mention while the window is
// unfocused, App asks for attention (glfwRequestWindowAttention, FlashWindow on Win32), so the taskbar
// button flashes and stays lit until the window is looked at. The settings menu shows the option
// disabled and says so, instead of promising notifications that never come.

namespace app {

bool DesktopNotifier::available() { return false; }

DesktopNotifier::DesktopNotifier(std::function<void()> wake) : m_wake(std::move(wake)) {}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::notify(std::string, std::string, std::size_t) {}

std::optional<std::size_t> DesktopNotifier::clicked() { return std::nullopt; }

} // namespace app

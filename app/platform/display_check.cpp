#include "app/platform/display_check.hpp"

#include <cstdlib>

namespace app {

std::string noDisplayExplanation() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((x11 && *x11) || (wayland && *wayland)) return {};
    return "no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open.\n"
           "  The server needs no display:  imchat-server --bind 0.0.0.0 --port 12000\n"
           "  To try the window without a screen:  xvfb-run -a imchat --server HOST:PORT --name NAME\n";
}

} // namespace app

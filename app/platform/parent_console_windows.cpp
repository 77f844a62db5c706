#include "app/platform/parent_console.hpp"

#include <cstdio>

#include <windows.h>

namespace app {
namespace {

bool usable(HANDLE h) { return h != nullptr && h != INVALID_HANDLE_VALUE; }

} // namespace

void useParentConsole() {
    const bool out = usable(GetStdHandle(STD_OUTPUT_HANDLE));
    const bool err = usable(GetStdHandle(STD_ERROR_HANDLE));
    if (out && err) return;                            // redirected to a file or a pipe: keep that
    if (!AttachConsole(ATTACH_PARENT_PROCESS)) return; // started from Explorer: nowhere to print
    // The console's prompt has already come back (it does not wait for a GUI program), so the words land
    // after it; that is how every GUI program that prints on Windows behaves.
    if (!out) std::freopen("CONOUT$", "w", stdout);
    if (!err) std::freopen("CONOUT$", "w", stderr);
}

} // namespace app

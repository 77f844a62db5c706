#include "app/platform/parent_console.hpp"

#include <cstdio>

#include <windows.h>

#include "net/wide_text.hpp"

namespace app {
namespace {

bool usable(HANDLE h) { return h != nullptr && h != INVALID_HANDLE_VALUE; }

bool printable = false; // whether stderr reaches a console, a file or a pipe

} // namespace

void useParentConsole() {
    const bool out = usable(GetStdHandle(STD_OUTPUT_HANDLE));
    const bool err = usable(GetStdHandle(STD_ERROR_HANDLE));
    printable = err;
    if (out && err) return;                            // redirected to a file or a pipe: keep that
    if (!AttachConsole(ATTACH_PARENT_PROCESS)) return; // started from Explorer: nowhere to print
    printable = true;
    // The console's prompt has already come back (it does not wait for a GUI program), so the words land
    // after it; that is how every GUI program that prints on Windows behaves.
    if (!out) std::freopen("CONOUT$", "w", stdout);
    if (!err) std::freopen("CONOUT$", "w", stderr);
}

void reportStartFailure(const std::string& why) {
    std::fprintf(stderr, "imchat: %s\n", why.c_str());
    if (!printable) ::MessageBoxW(nullptr, net::widen(why).c_str(), L"imchat", MB_OK | MB_ICONERROR);
}

} // namespace app

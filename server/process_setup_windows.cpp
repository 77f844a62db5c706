#include "server/process_setup.hpp"

#include <csignal>
#include <cstdio>

#include <fcntl.h>
#include <io.h>
#include <windows.h>

namespace server {
namespace {

// Closing the console window, logging off or shutting down ends the process once this handler returns (or
// after about 5 s): it raises SIGTERM, which the server's signal_set turns into its clean stop, and waits
// for main() to exit the process first. Ctrl+C and Ctrl+Break reach the C runtime as SIGINT and SIGBREAK.
BOOL WINAPI onConsoleEvent(DWORD event) {
    if (event != CTRL_CLOSE_EVENT && event != CTRL_LOGOFF_EVENT && event != CTRL_SHUTDOWN_EVENT) return FALSE;
    std::raise(SIGTERM);
    ::Sleep(4000);
    return TRUE;
}

} // namespace

void prepareProcess() {
    // Lines end in \n as on Linux: scripts parse the first line, and a console shows either.
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    ::SetConsoleOutputCP(CP_UTF8);
    ::SetConsoleCP(CP_UTF8);
    for (const DWORD which : {STD_OUTPUT_HANDLE, STD_ERROR_HANDLE}) {
        const HANDLE console = ::GetStdHandle(which);
        DWORD mode = 0;
        if (console != INVALID_HANDLE_VALUE && ::GetConsoleMode(console, &mode))
            ::SetConsoleMode(console, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
    }
    ::SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

void holdConsoleOnFailure(int code) {
    DWORD processes[2];
    if (code == 0 || ::GetConsoleProcessList(processes, 2) != 1) return; // started from a console that stays
    std::fputs("\nimchat-server 已停止（原因见上）。按 Enter 键关闭窗口。\n"
               "imchat-server stopped (the reason is above). Press Enter to close this window.\n",
               stderr);
    std::getchar();
}

std::vector<int> stopSignals() { return {SIGINT, SIGTERM, SIGBREAK}; }

bool isTerminal(std::FILE* out) { return _isatty(_fileno(out)) != 0; }

void lowerThisThreadPriority() { ::SetThreadPriority(::GetCurrentThread(), THREAD_PRIORITY_LOWEST); }

} // namespace server

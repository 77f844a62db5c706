#include "server/secret_input.hpp"

#include <algorithm>
#include <cstdio>

#include <io.h>
#include <windows.h>

#include "net/wide_text.hpp"

namespace server {
namespace {

// A console gives UTF-16 through ReadConsoleW whatever its code page; its echo is switched off meanwhile.
std::optional<std::string> readConsoleLine(HANDLE console, const char* prompt) {
    std::fputs(prompt, stderr);
    DWORD saved = 0;
    ::GetConsoleMode(console, &saved);
    ::SetConsoleMode(console, (saved & ~static_cast<DWORD>(ENABLE_ECHO_INPUT)) | ENABLE_LINE_INPUT);
    std::wstring typed;
    wchar_t buf[256];
    DWORD n = 0;
    bool ended = false;
    while (!ended && ::ReadConsoleW(console, buf, 256, &n, nullptr) && n > 0) {
        typed.append(buf, n);
        ended = typed.back() == L'\n';
    }
    std::fill(std::begin(buf), std::end(buf), L'\0');
    ::SetConsoleMode(console, saved);
    std::fputc('\n', stderr);
    if (typed.empty()) return std::nullopt;
    while (!typed.empty() && (typed.back() == L'\n' || typed.back() == L'\r')) typed.pop_back();
    std::string line = net::narrow(typed);
    std::fill(typed.begin(), typed.end(), L'\0');
    return line;
}

} // namespace

bool inputIsTerminal() { return _isatty(_fileno(stdin)) != 0; }

std::optional<std::string> readSecretLine(const char* prompt) {
    const HANDLE in = ::GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    if (inputIsTerminal() && ::GetConsoleMode(in, &mode)) return readConsoleLine(in, prompt);
    std::string line; // a pipe: bytes as they come (UTF-8 from a script)
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
    if (c == EOF && line.empty()) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

} // namespace server

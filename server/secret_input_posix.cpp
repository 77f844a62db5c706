#include "server/secret_input.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <termios.h>
#include <unistd.h>

namespace server {

bool inputIsTerminal() { return isatty(STDIN_FILENO) == 1; }

std::optional<std::string> readSecretLine(const char* prompt) {
    const bool tty = inputIsTerminal();
    termios saved{};
    if (tty) {
        std::fputs(prompt, stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    // stdio's getline, not iostreams: those would bring 270 KB into the server (see options.cpp).
    char* raw = nullptr;
    std::size_t capacity = 0;
    const ssize_t n = ::getline(&raw, &capacity, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
    std::optional<std::string> line;
    if (n >= 0) line.emplace(raw, static_cast<std::size_t>(n));
    if (raw) std::fill(raw, raw + capacity, '\0');
    std::free(raw);
    if (line && !line->empty() && line->back() == '\n') line->pop_back();
    return line;
}

} // namespace server

#include "server/control_client.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

namespace server {
namespace {

constexpr int kNoServer = 5;

/// One line from stdin; at a terminal asked for twice, without echo.
std::optional<std::string> readNewPassword() {
    const bool tty = isatty(STDIN_FILENO) == 1;
    const auto readLine = [tty](const char* prompt) -> std::optional<std::string> {
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
    };
    auto first = readLine("new password: ");
    if (!first || !tty) return first;
    if (readLine("again: ") != first) {
        std::fprintf(stderr, "imchat-server: the two passwords differ\n");
        return std::nullopt;
    }
    return first;
}

} // namespace

int runControlRequest(const Options& options, const std::string& socketPath) {
    std::string request;
    if (options.listNames) {
        request = "list";
    } else if (!options.releaseName.empty()) {
        request = "release\t" + options.releaseName;
    } else {
        const auto password = readNewPassword();
        if (!password) return 1;
        request = "reset-password\t" + options.resetPasswordOf + "\t" + *password;
    }
    if (request.find('\n') != std::string::npos || request.size() > 4000) {
        std::fprintf(stderr, "imchat-server: a name or password holds a line break or is too long\n");
        return 1;
    }
    request += '\n';

    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socketPath.size() >= sizeof addr.sun_path) {
        std::fprintf(stderr, "imchat-server: the control socket path is too long: %s\n", socketPath.c_str());
        return 1;
    }
    socketPath.copy(addr.sun_path, socketPath.size());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        std::fprintf(stderr,
                     "imchat-server: no server is running on %s (no answer on %s); start it first: the "
                     "operator's requests go to the running server, so that nothing stops\n",
                     options.dataPath.c_str(), socketPath.c_str());
        if (fd >= 0) ::close(fd);
        return kNoServer;
    }
    const timeval timeout{15, 0}; // the server answers within its own 10 s deadline
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string answer;
    bool sent = ::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size());
    std::fill(request.begin(), request.end(), '\0'); // the password
    char buf[4096];
    for (ssize_t n; sent && (n = ::read(fd, buf, sizeof buf)) > 0;)
        answer.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    if (answer.rfind("ok", 0) == 0) {
        const auto body = answer.find('\n');
        if (body != std::string::npos) std::fputs(answer.c_str() + body + 1, stdout);
        return 0;
    }
    std::fprintf(stderr, "imchat-server: %s",
                 answer.empty() ? "no answer from the server\n"
                                : answer.substr(answer.find(' ') + 1).c_str());
    return 1;
}

} // namespace server

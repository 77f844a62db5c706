#include "bench/client/imchat_window.hpp"

#include <cstdlib>
#include <cstring>

#include "bench/client/self_usage.hpp"

namespace cbench {
namespace {

constexpr std::string_view kPresent = "imchat: trace present ";
constexpr std::string_view kChat = "imchat: trace chat ";
constexpr std::string_view kWelcome = "imchat: trace welcome ";

bool startsWith(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

/// imchat's arguments: user name on the server, Chinese UI, then extraArgs.
std::vector<std::string> commandLine(const RoomServer& server, const std::string& name,
                                     const std::vector<std::string>& extraArgs) {
    std::vector<std::string> args{"--server", "127.0.0.1:" + std::to_string(server.port()),
                                  "--name",   name,
                                  "--lang",   "zh",
                                  "--trust",  server.fingerprint()};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    return args;
}

} // namespace

TraceLine parseTrace(const std::string& line) {
    TraceLine t;
    if (startsWith(line, kPresent)) {
        int changed = 0;
        if (std::sscanf(line.c_str() + kPresent.size(), "%u %lf %d", &t.frame, &t.ms, &changed) == 3) {
            t.kind = TraceLine::Kind::Present;
            t.changed = changed != 0;
        }
    } else if (startsWith(line, kChat)) {
        char* end = nullptr;
        t.ms = std::strtod(line.c_str() + kChat.size(), &end);
        if (end && *end == ' ') {
            t.kind = TraceLine::Kind::Chat;
            t.text = std::string(end + 1);
        }
    } else if (startsWith(line, kWelcome)) {
        t.kind = TraceLine::Kind::Welcome;
        t.ms = std::strtod(line.c_str() + kWelcome.size(), nullptr);
    }
    return t;
}

ImchatWindow::ImchatWindow(const std::string& binary, const RoomServer& server, const std::string& name,
                           const std::vector<std::string>& extraArgs)
    : m_startedAtMs(monotonicMs()),
      m_process({.program = binary,
                 .args = commandLine(server, name, extraArgs),
                 .env = {"IMCHAT_BENCH_TRACE=1", "XDG_CONFIG_HOME=" + server.dir() + "/config-" + name},
                 .errToOut = true}) {}

std::optional<std::size_t> ImchatWindow::waitTrace(TraceLine::Kind kind, std::size_t from,
                                                   std::chrono::milliseconds timeout,
                                                   const std::string& text) {
    return output().waitLine(
        [&](const std::string& l) {
            const TraceLine t = parseTrace(l);
            return t.kind == kind && (kind != TraceLine::Kind::Chat || t.text == text);
        },
        timeout, from);
}

bool haveDisplay() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

} // namespace cbench

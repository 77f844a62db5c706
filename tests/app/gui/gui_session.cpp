#include "gui_session.hpp"

#include "x_keymap.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace apptest {
namespace {

constexpr const char* kSaved = "imchat: screenshot saved to ";

/// Runs xdotool with args; whether it succeeded within timeout.
bool xdotool(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    return support::runToEnd({"xdotool", args}, timeout).exitCode == 0;
}

int countOf(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

/// Fails the test with the command that provides a display when there is none, or when xdotool is missing.
void requireDisplay() {
    const char* display = std::getenv("DISPLAY");
    REQUIRE_MESSAGE((display && *display), "this test opens real windows and needs an X display; run it as "
                                           "scripts/xvfb.sh ctest ... (scripts/test.sh does)");
    REQUIRE_MESSAGE(xdotool({"version"}, 5s),
                    "xdotool is needed to type into the window: apt-get install xdotool");
    REQUIRE_MESSAGE(support::runToEnd({"xmodmap", {"-pke"}}, 5s).exitCode == 0,
                    "xmodmap is needed to type Chinese into the window: apt-get install x11-xserver-utils");
}

/// A fresh directory for one test: <temp>/imchat-e2e-<what>-<pid>.
fs::path tempDir(const std::string& what) {
    const fs::path dir =
        fs::temp_directory_path() / ("imchat-e2e-" + what + "-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

} // namespace

void say(support::TestClient& c, const std::vector<std::string>& texts) {
    static std::uint64_t s_clientId = 0;
    for (const std::string& text : texts) {
        c.send(net::Say{++s_clientId, text});
        REQUIRE(c.waitFor<net::Chat>(5s).has_value());
    }
}

std::pair<unsigned, unsigned> pngSize(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char h[24] = {};
    if (!in.read(reinterpret_cast<char*>(h), sizeof h) || h[1] != 'P' || h[2] != 'N' || h[3] != 'G')
        return {0, 0};
    const auto be32 = [&](int at) {
        return (unsigned(h[at]) << 24) | (unsigned(h[at + 1]) << 16) | (unsigned(h[at + 2]) << 8) | h[at + 3];
    };
    return {be32(16), be32(20)};
}

GuiRoom::GuiRoom(const std::string& what, const std::vector<std::string>& serverArgs)
    : m_dir((requireDisplay(), tempDir(what))),
      m_server(std::make_unique<support::ServerProcess>(serverArgs)) {}

GuiRoom::GuiRoom(const std::string& what, External server)
    : m_dir((requireDisplay(), tempDir(what))), m_external(std::move(server)) {}

GuiRoom::~GuiRoom() {
    if (std::uncaught_exceptions() > 0) return; // a REQUIRE failed: keep the windows' output for a look
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
}

void writeSettings(const GuiRoom& room, const std::string& shot, const std::string& ini) {
    const fs::path dir = room.dir() / ("cfg-" + shot) / "imchat"; // XDG_CONFIG_HOME of that window, below
    fs::create_directories(dir);
    std::ofstream(dir / "settings.ini") << ini;
}

ImchatWindow::ImchatWindow(const GuiRoom& room, const Options& o) : m_name(o.name) {
    const fs::path shots = IMCHAT_SCREENSHOT_DIR;
    fs::create_directories(shots);
    m_screenshot = shots / (o.shot + ".png");
    fs::remove(m_screenshot);
    for (int n = 2; fs::remove(shots / (o.shot + "-" + std::to_string(n) + ".png")); ++n) {
    }
    const fs::path config = room.dir() / ("cfg-" + o.shot);
    m_settings = config / "imchat" / "settings.ini";
    const std::string screenshotArgument =
        o.pathArgument ? o.pathArgument(m_screenshot) : m_screenshot.string();
    std::vector<std::string> args{"--server",
                                  o.server.empty() ? "127.0.0.1:" + std::to_string(room.port()) : o.server,
                                  "--name",
                                  o.name,
                                  "--lang",
                                  o.lang,
                                  "--screenshot",
                                  screenshotArgument,
                                  "--screenshot-after-text",
                                  o.afterText};
    if (o.noServer) args.erase(args.begin(), args.begin() + 2);
    if (o.exitAfterScreenshot) args.push_back("--exit-after-screenshot");
    if (o.trusted) args.insert(args.end(), {"--trust", room.fingerprint()});
    args.insert(args.end(), o.args.begin(), o.args.end());
    // Mesa's OpenGL driver (dlopen'ed, unloaded at exit) leaks a little in every GL program; under the
    // sanitizer build the windows keep ASan/UBSan checks but not the leak report (the unit tests have it).
    // No session bus unless the test brings its own: a test's notifications never reach a real desktop.
    std::vector<std::string> env{"XDG_CONFIG_HOME=" + config.string(), "LANG=zh_CN.UTF-8",
                                 "LSAN_OPTIONS=detect_leaks=0",
                                 "DBUS_SESSION_BUS_ADDRESS=unix:path=" + (room.dir() / "no-bus").string()};
    // A variable the test sets replaces the one set here (with both, the first would win).
    std::erase_if(env, [&o](const std::string& e) {
        const std::string key = e.substr(0, e.find('=') + 1);
        return std::any_of(o.env.begin(), o.env.end(),
                           [&key](const std::string& own) { return own.starts_with(key); });
    });
    env.insert(env.end(), o.env.begin(), o.env.end());
    std::vector<std::string> command = o.launcher;
    command.push_back(o.program.empty() ? std::string(IMCHAT_APP_PATH) : o.program);
    args.insert(args.begin(), command.begin() + 1, command.end());
    m_process = std::make_unique<support::ChildProcess>(support::Command{
        command.front(), args, env, room.dir() / (o.shot + ".out"), room.dir() / (o.shot + ".err")});
}

void ImchatWindow::requireOnline(support::TestClient& watcher, std::chrono::milliseconds joinTimeout) {
    REQUIRE_MESSAGE(watcher.waitFor<net::Joined>(joinTimeout).has_value(),
                    m_name << "'s window never joined: " << err());
    REQUIRE_MESSAGE(find("imchat - " + m_name), m_name << "'s window never appeared: " << err());
}

bool ImchatWindow::find(const std::string& title, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        // The title may start with the unread count: "(3) imchat - bob". Only a mapped window: one found
        // while GLFW is still creating it cannot take the focus yet (X's BadMatch).
        const auto found = support::runToEnd(
            {"xdotool", {"search", "--onlyvisible", "--name", "^(\\([0-9]+\\) )?" + title + "$"}}, 5s);
        if (found.exitCode == 0 && !found.out.empty()) {
            m_wid = found.out.substr(0, found.out.find('\n'));
            return true;
        }
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

bool ImchatWindow::focus() {
    // On a loaded machine the first attempt may time out while the window is still settling.
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (xdotool({"windowfocus", "--sync", m_wid}, 10s)) return true;
        std::this_thread::sleep_for(200ms);
    }
    return false;
}

bool ImchatWindow::type(const std::string& text) {
    // ASCII runs as text; every other character as its own key, bound in the keymap beforehand
    // (x_keymap.hpp says why xdotool's own binding loses characters on a loaded machine).
    std::size_t at = 0;
    while (at < text.size()) {
        const auto ascii = [&](std::size_t i) { return static_cast<unsigned char>(text[i]) < 0x80; };
        std::size_t end = at;
        const bool plain = ascii(at);
        while (end < text.size() && ascii(end) == plain) ++end;
        const std::string run = text.substr(at, end - at);
        std::vector<std::string> args{"type", "--delay", "30", run};
        if (!plain) {
            const std::vector<std::string> keysyms = bindKeysyms(run);
            if (keysyms.empty()) return false;
            args = {"key", "--delay", "30"};
            args.insert(args.end(), keysyms.begin(), keysyms.end());
        }
        if (!xdotool(args, 20s)) return false;
        at = end;
    }
    return true;
}

bool ImchatWindow::typeLine(const std::string& text) { return type(text) && pressReturn(); }

bool ImchatWindow::key(const std::string& keys) { return xdotool({"key", keys}, 5s); }

bool ImchatWindow::pressReturn() { return key("Return"); }

std::filesystem::path ImchatWindow::screenshot() const {
    const std::string text = out();
    const auto at = text.rfind(kSaved);
    if (at == std::string::npos) return m_screenshot;
    const auto from = at + std::strlen(kSaved);
    // The file name only: the folder is m_screenshot's, spelled the program's way (Z:\... under Wine).
    std::string saved = text.substr(from, text.find('\n', from) - from);
    if (!saved.empty() && saved.back() == '\r') saved.pop_back();
    return m_screenshot.parent_path() / saved.substr(saved.find_last_of("/\\") + 1);
}

void ImchatWindow::keepScreenshot(const std::string& name) const {
    std::filesystem::copy_file(screenshot(), m_screenshot.parent_path() / (name + ".png"),
                               std::filesystem::copy_options::overwrite_existing);
}

bool ImchatWindow::resize(int width, int height) {
    return xdotool({"windowsize", "--sync", m_wid, std::to_string(width), std::to_string(height)}, 10s);
}

bool ImchatWindow::click(int x, int y, int button) {
    return xdotool({"mousemove", "--window", m_wid, std::to_string(x), std::to_string(y), "click",
                    std::to_string(button)},
                   5s);
}

bool ImchatWindow::waitForScreenshots(int count, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const std::string text = out();
        // A report is complete once the next one starts or the output settles after it.
        if (countOf(text, kSaved) >= count) {
            std::this_thread::sleep_for(200ms);
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline || m_process->waitExit(0ms)) return false;
        std::this_thread::sleep_for(50ms);
    }
}

bool ImchatWindow::screenshotNow(std::chrono::milliseconds timeout) {
    const int before = countOf(out(), kSaved);
    return key("F12") && waitForScreenshots(before + 1, timeout);
}

bool ImchatWindow::screenshotUntil(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (screenshotNow() && lastReport().find(text) != std::string::npos) return true;
        std::this_thread::sleep_for(200ms);
    }
    return false;
}

int ImchatWindow::terminate(std::chrono::milliseconds timeout) {
    m_process->signal(SIGTERM);
    return waitExit(timeout);
}

std::string ImchatWindow::lastReport() const {
    const std::string text = out();
    const auto at = text.rfind(kSaved);
    return at == std::string::npos ? std::string() : text.substr(at);
}

bool ImchatWindow::showed(const std::string& row) const {
    return out().find("screenshot row: " + row) != std::string::npos;
}

} // namespace apptest

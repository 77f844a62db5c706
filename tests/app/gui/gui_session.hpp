#pragma once
// Helpers for the real-window tests: the room they start from (a display, a scratch directory, a server),
// imchat windows started against it, found and driven with xdotool, their screenshots and rows checked.
//
// Usage:
//   apptest::GuiRoom room("copy");                           // or room("input", {"--max-message-bytes",
//   "9"}) support::JoinedClient carol(room.port(), "carol"); apptest::say(carol, {"复制我 copy me"});
//   apptest::ImchatWindow bob(room, {"bob", "copy", "copy me", false}); // name, shot, after text, exit
//   bob.requireOnline(carol);                                // carol saw it join, and it is on screen
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/child_process.hpp"
#include "support/server_process.hpp"
#include "support/test_client.hpp"

namespace apptest {

/// c says each text in turn, waiting for the server's echo of each.
void say(support::TestClient& c, const std::vector<std::string>& texts);

/// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<unsigned, unsigned> pngSize(const std::filesystem::path& path);

/// What a window test starts from: the display checked, a scratch directory, and a server on 127.0.0.1.
class GuiRoom {
public:
    /// A server on 127.0.0.1 that the test runs itself (another build of it, say) instead of the room's own.
    struct External {
        std::uint16_t port = 0;
        std::string fingerprint{}; // 64 hex digits
    };
    /// Requires the display, makes <temp>/imchat-e2e-<what>-<pid>, starts a server with serverArgs.
    explicit GuiRoom(const std::string& what, const std::vector<std::string>& serverArgs = {});
    /// Requires the display, makes the directory; the windows connect to server.
    GuiRoom(const std::string& what, External server);
    /// Removes the directory, unless a REQUIRE failed: the windows' output then stays there to be read.
    ~GuiRoom();
    GuiRoom(const GuiRoom&) = delete;
    GuiRoom& operator=(const GuiRoom&) = delete;

    /// The scratch directory (the windows' settings and output files go under it).
    const std::filesystem::path& dir() const { return m_dir; }
    /// The server the room started (not with External).
    support::ServerProcess& server() { return *m_server; }
    /// The server's port.
    std::uint16_t port() const { return m_server ? m_server->port() : m_external.port; }
    /// The server's key fingerprint (64 hex digits).
    std::string fingerprint() const { return m_server ? m_server->fingerprint() : m_external.fingerprint; }

private:
    std::filesystem::path m_dir;
    std::unique_ptr<support::ServerProcess> m_server; // null with External
    External m_external;
};

/// Writes the settings file the window started with shot (ImchatWindow::Options::shot) will read.
void writeSettings(const GuiRoom& room, const std::string& shot, const std::string& ini);

/// One imchat window of a test.
class ImchatWindow {
public:
    /// How to start it.
    struct Options {
        std::string name{};              // may be empty
        std::string shot{};              // the screenshot: IMCHAT_SCREENSHOT_DIR/<shot>.png
        std::string afterText{};         // taken once a message containing it shows
        bool exitAfterScreenshot = true; // else F12 takes more, and the window runs until stopped
        std::vector<std::string> env{};  // more "K=V" for its environment
        bool trusted = true;             // --trust the room server's key (else the window asks first)
        std::vector<std::string> args{}; // more command-line flags
        std::string lang = "zh";         // --lang
        // Another build of the window, and what runs it: e.g. launcher {"wine"}, program imchat.exe.
        std::vector<std::string> launcher{}; // the program's path becomes their last argument
        std::string program{};               // empty: the Linux imchat under test
        // How that program is given a path of this machine (e.g. Z:\... under Wine); unset: as it is.
        std::function<std::string(const std::filesystem::path&)> pathArgument{};
        std::string server{};  // --server; empty: the room's server
        bool noServer = false; // no --server at all: the field starts empty (a first start)
    };
    /// Starts imchat on the room's server (Chinese UI unless options.lang says), with settings in
    /// <room dir>/cfg-<shot> (XDG_CONFIG_HOME; options.env may replace any variable set here).
    ImchatWindow(const GuiRoom& room, const Options& options);
    /// Requires that watcher sees it join (within joinTimeout) and that it is then found on screen.
    void requireOnline(support::TestClient& watcher,
                       std::chrono::milliseconds joinTimeout = std::chrono::seconds(10));
    /// Waits for the window titled title (after any "(N) " unread count) to appear; false after timeout.
    bool find(const std::string& title, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Gives it the keyboard focus (no window manager needed).
    bool focus();
    /// Types text with real key events, then Return.
    bool typeLine(const std::string& text);
    /// Types text with real key events (characters the keymap lacks are bound to keycodes first).
    bool type(const std::string& text);
    /// Presses a key combination, e.g. "ctrl+f", "shift+Return", "F12".
    bool key(const std::string& keys);
    /// Presses Return alone.
    bool pressReturn();
    /// The X window id found by find() (decimal, as xdotool prints it).
    const std::string& windowId() const { return m_wid; }
    /// Resizes the window to width×height (the X server's size: no window manager enforces a minimum).
    bool resize(int width, int height);
    /// Clicks at window coordinates (button 1: left, 3: right, 4/5: wheel up/down).
    bool click(int x, int y, int button = 1);
    /// Waits until count screenshots were reported; false after timeout.
    bool waitForScreenshots(int count, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Takes screenshots until the last report holds text; false after about timeout.
    bool screenshotUntil(const std::string& text,
                         std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Takes a screenshot now (F12) and waits for its report; false after timeout.
    bool screenshotNow(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Waits for the exit; its code or -1.
    int waitExit(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
        return m_process->waitExit(timeout).value_or(-1);
    }
    /// Asks it to close (SIGTERM, as a session logout does) and waits; its exit code or -1.
    int terminate(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Its process (to stop and continue it, as a laptop's lid does).
    pid_t pid() const { return m_process->pid(); }
    /// What it printed.
    std::string out() const { return m_process->out(); }
    std::string err() const { return m_process->err(); }
    /// What the last screenshot reported ("" before the first).
    std::string lastReport() const;
    /// Whether stdout reports a row "screenshot row: <row>".
    bool showed(const std::string& row) const;
    /// The last screenshot saved (the first goes to IMCHAT_SCREENSHOT_DIR/<shot>.png, each F12 after it
    /// to <shot>-2.png, <shot>-3.png, ...).
    std::filesystem::path screenshot() const;
    /// Copies the last screenshot to <name>.png beside it, for people to look at after the run.
    void keepScreenshot(const std::string& name) const;
    /// The settings file it uses.
    const std::filesystem::path& settingsFile() const { return m_settings; }

private:
    std::string m_name;
    std::filesystem::path m_screenshot;
    std::filesystem::path m_settings;
    std::unique_ptr<support::ChildProcess> m_process;
    std::string m_wid;
};

} // namespace apptest

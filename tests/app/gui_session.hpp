#pragma once
// Helpers for the real-window tests: imchat windows started against a test server, found and driven
// with xdotool, their screenshots and reported rows checked.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/child_process.hpp"
#include "support/test_client.hpp"

namespace apptest {

/// Fails the test with the command that provides a display when there is none, or when xdotool is missing.
void requireDisplay();

/// A fresh directory for one test: <temp>/imchat-e2e-<what>-<pid>.
std::filesystem::path tempDir(const std::string& what);

/// A file's whole content ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);

/// Connects c to the server on port and joins it as name.
void join(support::TestClient& c, std::uint16_t port, const std::string& name);

/// c says each text in turn, waiting for the server's echo of each.
void say(support::TestClient& c, const std::vector<std::string>& texts);

/// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<unsigned, unsigned> pngSize(const std::filesystem::path& path);

/// One imchat window of a test.
class ImchatWindow {
public:
    /// How to start it.
    struct Options {
        std::string name;                // may be empty
        std::uint16_t port = 0;          // the server on 127.0.0.1
        std::filesystem::path dir;       // its settings directory goes under it (cfg-<shot>)
        std::string shot;                // the screenshot: IMCHAT_SCREENSHOT_DIR/<shot>.png
        std::string afterText;           // taken once a message containing it shows
        bool exitAfterScreenshot = true; // else F12 takes more, and the window runs until stopped
        std::vector<std::string> env;    // more "K=V" for its environment
    };
    explicit ImchatWindow(const Options& options);
    /// Starts imchat on 127.0.0.1:port as name, Chinese UI, with its own settings directory under dir; the
    /// screenshot (taken once a message containing afterText shows) goes to
    /// IMCHAT_SCREENSHOT_DIR/<shot>.png, then the window quits.
    ImchatWindow(const std::string& name, std::uint16_t port, const std::filesystem::path& dir,
                 const std::string& shot, const std::string& afterText);
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
    /// Clicks at window coordinates (button 1: left, 3: right, 4/5: wheel up/down).
    bool click(int x, int y, int button = 1);
    /// Waits until count screenshots were reported; false after timeout.
    bool waitForScreenshots(int count, std::chrono::milliseconds timeout = std::chrono::seconds(20));
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
    const std::filesystem::path& screenshot() const { return m_screenshot; }
    /// The settings file it uses.
    const std::filesystem::path& settingsFile() const { return m_settings; }

private:
    std::filesystem::path m_screenshot;
    std::filesystem::path m_settings;
    std::unique_ptr<support::ChildProcess> m_process;
    std::string m_wid;
};

} // namespace apptest

// The window at small and large sizes: nothing in the top bar overlaps, every message's header still names
// its sender, a narrow window opens the user list from a button, and the window asks for a minimum size.
#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>
#include <thread>

#include "gui_session.hpp"
#include "support/child_process.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

namespace {

/// The report line starting with "imchat: screenshot <key>: " in the last report (without the prefix).
std::vector<std::string> reported(const apptest::ImchatWindow& w, const std::string& key) {
    std::vector<std::string> lines;
    std::istringstream in(w.lastReport());
    const std::string prefix = "imchat: screenshot " + key + ": ";
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0) lines.push_back(line.substr(prefix.size()));
    return lines;
}

struct TopBar {
    float server0, server1, connect0, connect1, state0, state1, settings;
};

TopBar topBar(const apptest::ImchatWindow& w) {
    TopBar b{};
    const auto lines = reported(w, "top bar");
    REQUIRE(lines.size() == 1);
    REQUIRE(std::sscanf(lines[0].c_str(), "server %f-%f, connect %f-%f, state %f-%f, settings %f", &b.server0,
                        &b.server1, &b.connect0, &b.connect1, &b.state0, &b.state1, &b.settings) == 7);
    return b;
}

/// Resizes w's window to width×height, takes a screenshot and keeps it as <name>-<width>x<height>.png.
void resizeAndShoot(apptest::ImchatWindow& w, int width, int height, const std::string& name) {
    REQUIRE(w.resize(width, height));
    std::this_thread::sleep_for(300ms);
    REQUIRE(w.screenshotNow());
    w.keepScreenshot(name + "-" + std::to_string(width) + "x" + std::to_string(height));
}

/// Nothing in the top bar overlaps or runs off the window, the server field stays readable, and every
/// header on screen names its sender (carol).
void checkLaidOut(const apptest::ImchatWindow& w, int width) {
    const TopBar b = topBar(w);
    CHECK(b.server1 <= b.connect0);
    CHECK(b.connect1 <= b.state0);
    CHECK(b.state1 <= b.settings);
    CHECK(b.settings < static_cast<float>(width));
    CHECK(b.server1 - b.server0 >= 7 * 17.0f); // "host:port" stays readable
    const auto headers = reported(w, "header");
    REQUIRE(!headers.empty());
    for (const std::string& header : headers) CHECK(header.find("carol") != std::string::npos);
}

} // namespace

TEST_CASE("e2e: the window at 400x300, 640x400 and 1600x1000 lays out without overlaps") {
    apptest::GuiRoom room("layout");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"窄窗口里也要看得见是谁说的 — who said it must show in a narrow window"});
    apptest::ImchatWindow bob(room, {"bob", "layout", "窄窗口", false});
    bob.requireOnline(carol);
    REQUIRE(bob.waitForScreenshots(1));

    // The window manager is asked to keep the window at least 400×300 (there is none under Xvfb to enforce
    // it).
    support::ChildProcess xprop(support::Command{"xprop", {"-id", bob.windowId(), "WM_NORMAL_HINTS"}});
    REQUIRE(xprop.waitExit(10s) == 0);
    CHECK(xprop.out().find("program specified minimum size: 400 by 300") != std::string::npos);

    for (const auto& size : {std::pair{400, 300}, std::pair{640, 400}, std::pair{1600, 1000}}) {
        const int w = size.first;
        const int h = size.second;
        CAPTURE(w);
        resizeAndShoot(bob, w, h, "layout");
        INFO(bob.lastReport());
        const auto window = reported(bob, "window");
        REQUIRE(window.size() == 1);
        CHECK(window[0].rfind(std::to_string(w) + "x" + std::to_string(h), 0) == 0);
        CHECK((window[0].find("users beside") != std::string::npos) == (w >= 640));

        checkLaidOut(bob, w);
        // The widest window shows the lab's whole stamp.
        const auto headers = reported(bob, "header");
        if (w == 1600) CHECK(headers[0].find("127.0.0.1 - carol") != std::string::npos);
    }

    // Narrow again: the user list opens from its button beside the tabs.
    REQUIRE(bob.resize(400, 300));
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    const auto button = reported(bob, "users button");
    REQUIRE(button.size() == 1);
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    REQUIRE(std::sscanf(button[0].c_str(), "%f %f %f %f", &x0, &y0, &x1, &y1) == 4);
    CHECK(x1 <= 400.0f);
    CHECK(bob.click(static_cast<int>((x0 + x1) / 2), static_cast<int>((y0 + y1) / 2)));
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    bob.keepScreenshot("layout-400x300-users");
    CHECK(!reported(bob, "popup").empty());
    // Every F12 kept its own file: the settled one, then five numbered.
    const std::filesystem::path shots = bob.screenshot().parent_path();
    CHECK(bob.screenshot().filename() == "layout-6.png");
    for (const char* name : {"layout.png", "layout-2.png", "layout-3.png", "layout-4.png", "layout-5.png"})
        CHECK(std::filesystem::exists(shots / name));
    CHECK(bob.terminate() == 0);
}

TEST_CASE("e2e: the light theme in English at 400x300 and 1600x1000 lays out without overlaps") {
    apptest::GuiRoom room("layout-light");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"who said it must show in a narrow window \xF0\x9F\x98\x80"});
    apptest::writeSettings(room, "layout-light", "theme=light\n");
    apptest::ImchatWindow::Options options{"bob", "layout-light", "narrow window", false};
    options.lang = "en";
    apptest::ImchatWindow bob(room, options);
    bob.requireOnline(carol);
    REQUIRE(bob.waitForScreenshots(1));
    for (const auto& size : {std::pair{400, 300}, std::pair{1600, 1000}}) {
        const int w = size.first;
        const int h = size.second;
        CAPTURE(w);
        resizeAndShoot(bob, w, h, "layout-light-en");
        INFO(bob.lastReport());
        CHECK(bob.lastReport().find("theme light") != std::string::npos);
        CHECK(bob.lastReport().find("lang en") != std::string::npos);
        checkLaidOut(bob, w);
    }
    CHECK(bob.terminate() == 0);
}

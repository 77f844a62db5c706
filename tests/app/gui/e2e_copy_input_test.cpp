// Real windows: copying a message with a click and Ctrl+C (pasted back with Ctrl+V and sent), the
// multi-line input with Shift+Enter, ↑ recalling what was sent, the over-limit refusal with its hint, and
// preferences remembered across a SIGTERM.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "gui_session.hpp"
#include "support/joined_client.hpp"
#include "support/read_file.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// In a 1100×720 window at the default font size: the first entry's text line, and the input box.
constexpr int kFirstTextX = 60;
constexpr int kFirstTextY = 97;
constexpr int kInputX = 600;
constexpr int kInputY = 696;
// The entry menu's "save transcript" line, below where the menu was opened.
constexpr int kMenuSaveOffsetY = 83;

} // namespace

TEST_CASE("e2e: click a message, Ctrl+C, and the clipboard holds its text (pasted and sent back)") {
    apptest::GuiRoom room("copy");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"复制我 copy me"});

    apptest::ImchatWindow bob(room, {"bob", "copy", "copy me", false});
    bob.requireOnline(carol);
    REQUIRE(bob.waitForScreenshots(1));
    REQUIRE(bob.focus());
    CHECK(bob.click(kFirstTextX, kFirstTextY)); // selects the message (and leaves the input box)
    std::this_thread::sleep_for(200ms);
    REQUIRE(bob.screenshotNow());
    CHECK(bob.lastReport().find("row: chat carol: 复制我 copy me  [selected]") != std::string::npos);
    CHECK(bob.key("ctrl+c"));
    CHECK(bob.click(kInputX, kInputY));
    std::this_thread::sleep_for(200ms);
    CHECK(bob.key("ctrl+v"));
    CHECK(bob.pressReturn());
    const auto echoed = carol.waitFor<net::Chat>(10s);
    REQUIRE(echoed.has_value());
    CHECK(echoed->name == "bob");
    CHECK(echoed->text == "复制我 copy me");
}

TEST_CASE(
    "e2e: Shift+Enter makes a new line, Enter sends, up recalls, over the limit is refused with a hint") {
    apptest::GuiRoom room("input", {"--max-message-bytes", "30"});
    support::JoinedClient carol(room.port(), "carol");

    apptest::ImchatWindow bob(room, {"bob", "input", "内容太长", false});
    bob.requireOnline(carol);
    REQUIRE(bob.focus());
    std::this_thread::sleep_for(300ms);
    CHECK(bob.type("first line"));
    CHECK(bob.key("shift+Return"));
    CHECK(bob.typeLine("second"));
    auto got = carol.waitFor<net::Chat>(10s);
    REQUIRE(got.has_value());
    CHECK(got->text == "first line\nsecond");

    CHECK(bob.key("Up")); // recalls the last message sent, whole
    CHECK(bob.pressReturn());
    got = carol.waitFor<net::Chat>(10s);
    REQUIRE(got.has_value());
    CHECK(got->text == "first line\nsecond");

    // 12 Chinese characters are 36 bytes; the server takes 30 (10 characters): 2 have to go.
    CHECK(bob.typeLine("超过三十个字节的消息啊啊"));
    REQUIRE_MESSAGE(bob.waitForScreenshots(1), bob.out() << bob.err());
    const std::string report = bob.lastReport();
    INFO("bob printed:\n" << report);
    CHECK(report.find("row: prompt : 内容太长：请删掉 2 个字（上限 30 字节）") != std::string::npos);
    CHECK_FALSE(carol.waitFor<net::Chat>(500ms).has_value()); // nothing was sent
}

TEST_CASE("e2e: font size from Ctrl+= and Ctrl+- is remembered when the window is closed by SIGTERM") {
    apptest::GuiRoom room("prefs");
    apptest::ImchatWindow bob(room, {"bob", "prefs", "never shown", false});
    REQUIRE(bob.find("imchat - bob"));
    REQUIRE(bob.focus());
    // One shortcut a frame: presses a frame apart (a loaded machine's frames are slow; two in one were one).
    for (const char* keys : {"ctrl+equal", "ctrl+equal", "ctrl+equal", "ctrl+minus"}) {
        CHECK(bob.key(keys));
        std::this_thread::sleep_for(300ms);
    }
    REQUIRE(bob.screenshotNow());
    CHECK(bob.lastReport().find("screenshot prefs: font 19, theme dark, timestamps on, lang zh") !=
          std::string::npos);
    CHECK(bob.terminate() == 0);
    const std::string saved = support::readFile(bob.settingsFile());
    INFO("settings:\n" << saved);
    CHECK(saved.find("font_size=19\n") != std::string::npos);
    CHECK(saved.find("name=bob\n") != std::string::npos);
}

TEST_CASE("e2e: the light theme and hidden time stamps come from the settings file") {
    apptest::GuiRoom room("light");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"浅色主题 light theme, @bob see https://imchat.example/light"});
    apptest::writeSettings(room, "light", "theme=light\ntimestamps=off\nfont_size=18\n");

    apptest::ImchatWindow bob(room, {"bob", "light", "light theme"});
    REQUIRE_MESSAGE(bob.waitExit() == 0, bob.out() << bob.err());
    INFO("bob printed:\n" << bob.out());
    CHECK(bob.out().find("screenshot prefs: font 18, theme light, timestamps off, lang zh") !=
          std::string::npos);
    CHECK(bob.showed("chat carol: 浅色主题 light theme"));
}

TEST_CASE("e2e: the settings popup in the light theme (screenshot light-settings.png: framed controls)") {
    apptest::GuiRoom room("lightset");
    apptest::writeSettings(room, "light-settings", "theme=light\n");
    apptest::ImchatWindow bob(room, {"bob", "light-settings", "never shown", false});
    REQUIRE(bob.find("imchat - bob"));
    REQUIRE(bob.focus());
    CHECK(bob.click(1070, 20)); // the Settings button, top right of the 1100-pixel window
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    INFO("bob reported:\n" << bob.lastReport());
    CHECK(bob.lastReport().find("screenshot popup: ##Popup_") != std::string::npos); // the settings menu
    CHECK(bob.lastReport().find("theme light") != std::string::npos);
    CHECK(bob.terminate() == 0);
}

TEST_CASE("e2e: --font-size wins over the saved size, draws at that size, and is remembered") {
    apptest::GuiRoom room("fontflag");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"字号 font size"});
    apptest::writeSettings(room, "fontflag", "font_size=18\n");

    apptest::ImchatWindow bob(room, {"bob", "fontflag", "font size", true, {}, true, {"--font-size", "26"}});
    REQUIRE_MESSAGE(bob.waitExit() == 0, bob.out() << bob.err());
    INFO("bob printed:\n" << bob.out());
    CHECK(bob.out().find("screenshot prefs: font 26,") != std::string::npos);
    CHECK(bob.out().find("screenshot font drawn: 26 px") != std::string::npos);
    CHECK(bob.showed("chat carol: 字号 font size"));
    CHECK(support::readFile(bob.settingsFile()).find("font_size=26\n") != std::string::npos);
}

TEST_CASE("e2e: right-click, save transcript, and the UTF-8 file holds the conversation") {
    apptest::GuiRoom room("transcript");
    const fs::path home = room.dir() / "home";
    fs::create_directories(home);
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"第一行 first", "第二行 second"});

    apptest::ImchatWindow bob(room, {"bob", "transcript", "second", false, {"HOME=" + home.string()}});
    bob.requireOnline(carol);
    REQUIRE(bob.waitForScreenshots(1));
    REQUIRE(bob.focus());
    CHECK(bob.click(kFirstTextX, kFirstTextY, 3)); // the entry menu opens at the mouse
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    REQUIRE(bob.lastReport().find("screenshot popup: ##Popup_") != std::string::npos);
    // Its fifth line: copy text, copy with stamp, (separator), copy all, save transcript.
    CHECK(bob.click(kFirstTextX + 30, kFirstTextY + kMenuSaveOffsetY));
    std::this_thread::sleep_for(500ms);
    REQUIRE(bob.screenshotNow());
    REQUIRE_MESSAGE(bob.lastReport().find("screenshot popup: 保存聊天记录…") != std::string::npos,
                    bob.lastReport());
    CHECK(bob.pressReturn()); // the dialog's path is prefilled: save
    fs::path saved;
    for (int i = 0; i < 200 && saved.empty(); ++i) {
        for (const auto& f : fs::directory_iterator(home)) {
            if (f.path().extension() == ".txt") saved = f.path();
        }
        if (saved.empty()) std::this_thread::sleep_for(50ms);
    }
    REQUIRE_MESSAGE(!saved.empty(), "no transcript in " << home);
    CHECK(saved.filename().string().starts_with("imchat-room-"));
    const std::string text = support::readFile(saved);
    INFO("transcript:\n" << text);
    CHECK(text.find("] 127.0.0.1 - carol\n第一行 first\n") != std::string::npos);
    CHECK(text.find("] 127.0.0.1 - carol\n第二行 second\n") != std::string::npos);
    CHECK(text.find("----以上是历史记录----\n") != std::string::npos);

    // The window says where it went; typing then goes to the input box even after the click on a message.
    CHECK(bob.click(kFirstTextX, kFirstTextY));
    std::this_thread::sleep_for(200ms);
    CHECK(bob.typeLine("typed after a click"));
    const auto chat = carol.waitFor<net::Chat>(10s);
    REQUIRE(chat.has_value());
    CHECK(chat->text == "typed after a click");
    REQUIRE(bob.screenshotNow());
    CHECK(bob.lastReport().find("row: notice : 聊天记录已保存到 " + saved.string()) != std::string::npos);
}

// The lab's own client (tests/support/lab_client.py: its socket code, byte for byte) and an imchat window in
// one room through --legacy-port: they read each other in Chinese (and the window's emoji), the window marks
// the lab's users, and a lab client that comes late reads the history as the lab's window showed it.
#include <doctest/doctest.h>

#include "gui_session.hpp"
#include "support/joined_client.hpp"
#include "support/lab_client.hpp"

using namespace std::chrono_literals;

TEST_CASE("e2e lab: two lab clients and an imchat window talk through one server, and a late lab client "
          "reads the history") {
    apptest::GuiRoom room("lab", {"--legacy-port", "0"});
    const std::uint16_t labPort = support::labPort(room.server());

    support::LabClient ming(labPort, "ming");
    CHECK(ming.history() == ""); // NO_MESSAGE: an empty room
    REQUIRE(ming.waitRead("您已加入, 当前1人"));
    ming.say("小明", "大家好，我用的是实验课的客户端");
    REQUIRE(ming.waitRead("127.0.0.1 - 小明 (lab)\n 大家好，我用的是实验课的客户端"));

    // "##" would end an ImGui label's text: the user list must show this name whole (label_text.hpp).
    support::JoinedClient watcher(room.port(), "watch##er");
    apptest::ImchatWindow lan(
        room,
        {.name = "小蓝", .shot = "lab-room", .afterText = "实验课的客户端", .exitAfterScreenshot = false});
    lan.requireOnline(watcher);
    REQUIRE(ming.waitRead("有新用户加入, 当前3人"));
    REQUIRE(lan.waitForScreenshots(1));
    CHECK(lan.showed("chat 小明 (lab): 大家好，我用的是实验课的客户端"));

    // Typed into the window: the lab client reads it in the lab's words, stamped by the server.
    const std::string typed = "你好小明，我在 imchat 窗口里 👋";
    REQUIRE(lan.focus());
    REQUIRE(lan.typeLine(typed));
    const auto read = ming.waitRead("127.0.0.1 - 小蓝\n " + typed);
    REQUIRE_MESSAGE(read, ming.reads());
    CHECK(read->starts_with("\n[20"));
    CHECK_FALSE(ming.crashed());

    // A late lab client: the history first (then its window's separator), then the room as it goes on.
    support::LabClient hong(labPort, "hong");
    const std::string history = hong.history();
    CHECK(history.find("127.0.0.1 - 小明 (lab)\n 大家好，我用的是实验课的客户端") != std::string::npos);
    CHECK(history.find("127.0.0.1 - 小蓝\n " + typed) != std::string::npos);
    CHECK(history.ends_with("\n----以上是历史记录----\n"));
    REQUIRE(hong.waitRead("您已加入, 当前4人"));
    hong.say("小红", "我来晚了，历史记录都看到了");
    REQUIRE(ming.waitRead("127.0.0.1 - 小红 (lab)\n 我来晚了，历史记录都看到了"));
    REQUIRE(lan.screenshotUntil("chat 小红 (lab): 我来晚了，历史记录都看到了"));
    INFO("report:\n" << lan.lastReport());
    CHECK(lan.lastReport().find("screenshot user: 小明 (lab), lab client") != std::string::npos);
    CHECK(lan.lastReport().find("screenshot user: 小红 (lab), lab client") != std::string::npos);
    CHECK(lan.lastReport().find("screenshot user: watch##er\n") != std::string::npos);
    lan.keepScreenshot("lab-room");
    CHECK_FALSE(ming.crashed());
    CHECK_FALSE(hong.crashed());
    CHECK(lan.terminate() == 0);
}

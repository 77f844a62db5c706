// End to end: a window away for longer than the server replays (its process stopped, as a laptop's lid
// does) comes back to the newest messages, is told how many came before, and scrolling up loads all of them:
// every message once, with no hole where the replay was cut.
#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

TEST_CASE(
    "e2e: back after a long absence, the room restarts at the newest and scrolling up loads all it missed") {
    // A 1 KiB queue bound keeps a join's replay within 512 bytes (about seven messages, all on screen); a
    // 1 s heartbeat lets the server give up on the stopped window within 3 s.
    apptest::GuiRoom room("resume", {"--max-queue-bytes", "1024", "--heartbeat-ms", "1000", "--rate", "1000",
                                     "--burst", "1000"});
    constexpr int kMissed = 200;
    char text[48]; // room for any two ints: at -O1 GCC no longer knows i stays under 1000
    std::optional<apptest::ImchatWindow> hana;
    {
        support::JoinedClient carol(room.port(), "carol");
        apptest::say(carol, {"before 1", "before 2", "before 3"});
        hana.emplace(room, apptest::ImchatWindow::Options{"hana", "resume", "向上滚动即可加载", false});
        hana->requireOnline(carol, 15s);

        REQUIRE(::kill(hana->pid(), SIGSTOP) == 0);
        std::optional<net::Left> left;
        for (int i = 0; i < 50 && !left; ++i) {
            carol.send(net::Ping{static_cast<std::uint64_t>(i)}); // carol is no silent peer herself
            left = carol.waitFor<net::Left>(200ms);
        }
        if (!left) ::kill(hana->pid(), SIGCONT);
        REQUIRE_MESSAGE(left.has_value(), "the server never let the stopped window go:\n"
                                              << room.server().stdoutSoFar());
        CHECK(left->name == "hana");
        for (int i = 1; i <= kMissed; ++i) {
            std::snprintf(text, sizeof text, "missed %03d 第%d条", i, i);
            apptest::say(carol, {text});
        }
    } // carol leaves before hana is back, so no "left" notice of hers is in hana's room
    REQUIRE(::kill(hana->pid(), SIGCONT) == 0);

    // Back online: the notice says how many came before the replay and stands right before its first message.
    // (The view, not full, asks for older pages at once; they go above the notice.)
    REQUIRE_MESSAGE(hana->waitForScreenshots(1, 30s), hana->out() << hana->err());
    const std::string back = hana->lastReport();
    INFO("hana's window after coming back:\n" << back);
    const std::string notice = "row: notice : 离线期间错过的 ";
    const auto at = back.find(notice);
    REQUIRE(at != std::string::npos);
    const int notReplayed = std::atoi(back.c_str() + at + notice.size());
    CHECK(notReplayed > 0);
    CHECK(notReplayed < kMissed);
    std::snprintf(text, sizeof text, "missed %03d ", notReplayed + 1);
    const auto nextRow = back.find("row: ", at + notice.size());
    CHECK(back.compare(nextRow, 17 + std::strlen(text), std::string("row: chat carol: ") + text) == 0);
    CHECK(back.find("row: notice : 已重新连接") != std::string::npos);

    // Wheel up until the beginning of history is on screen.
    bool atStart = false;
    for (int round = 0; round < 30 && !atStart; ++round) {
        for (int i = 0; i < 10; ++i) hana->click(400, 300, 4);
        REQUIRE(hana->screenshotNow());
        atStart = hana->lastReport().find("notice : 没有更早的消息了") != std::string::npos;
    }
    const std::string top = hana->lastReport();
    INFO("hana's window at the top:\n" << top);
    CHECK(atStart);
    CHECK(top.find("chat carol: before 1") != std::string::npos);
    // Every message exactly once: 3 + 200 messages, the notice, "reconnected" and the beginning of history.
    CHECK(top.find("screenshot view: room, " + std::to_string(3 + kMissed + 3) + " entries") !=
          std::string::npos);
    CHECK(hana->terminate() == 0);
}

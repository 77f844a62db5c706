// What is typed when the server cannot take it: shown at once as sending, then as sent in the same place;
// refused, shown as failed with a retry that works; the user list says it is stale while the link is down.
#include <doctest/doctest.h>

#include <thread>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

namespace {

// In a 1100×720 window at the default size, in a private tab (the line naming the peer, then "beginning
// of history"): the text line of its first message; and the entry menu's first item below where it opened.
constexpr int kMessageTextX = 60;
constexpr int kMessageTextY = 139;
constexpr int kMenuFirstOffsetY = 12;

} // namespace

TEST_CASE("e2e: typed while the server is down, a message shows as sending, then as sent in its place") {
    apptest::GuiRoom room("offline");
    std::optional<support::JoinedClient> carol(std::in_place, room.port(), "carol");
    apptest::say(*carol, {"在线 online"});
    apptest::ImchatWindow bob(room, {"bob", "offline", "在线", false});
    bob.requireOnline(*carol);
    carol.reset();

    room.server().terminate();
    REQUIRE_MESSAGE(bob.screenshotUntil("connection: reconnecting"), bob.lastReport());
    CHECK(bob.lastReport().find("users beside, list stale") != std::string::npos);
    REQUIRE(bob.focus());
    const std::string typed = "离线时写的 typed offline";
    CHECK(bob.typeLine(typed));
    REQUIRE_MESSAGE(bob.screenshotUntil("row: chat bob: " + typed + "  [sending]"), bob.lastReport());
    CHECK(bob.lastReport().find("header: bob  发送中…") != std::string::npos);
    bob.keepScreenshot("offline-sending");

    // Back: the outbox goes out, and the same line becomes the stored message (time, address, no label).
    room.server().restart(true);
    REQUIRE_MESSAGE(bob.screenshotUntil("row: chat bob: " + typed + "\n"), bob.lastReport());
    const std::string report = bob.lastReport();
    INFO(report);
    CHECK(report.find("[sending]") == std::string::npos);
    CHECK(report.find("127.0.0.1 - bob") != std::string::npos);
    CHECK(report.find("list stale") == std::string::npos);
    bob.keepScreenshot("offline-sent");
    support::JoinedClient dave(room.port(), "dave");
    int copies = 0;
    for (const net::Chat& c : dave.joined().history) copies += c.text == typed && c.name == "bob";
    CHECK(copies == 1);
    CHECK(bob.terminate() == 0);
}

TEST_CASE("e2e: a message the server refuses shows as failed, and Retry sends it once it can go") {
    apptest::GuiRoom room("retry");
    support::JoinedClient carol(room.port(), "carol");
    apptest::ImchatWindow bob(room, {"bob", "retry", "", false});
    bob.requireOnline(carol);
    REQUIRE(bob.focus());
    // ghost is neither online nor registered: the server keeps nothing for that name.
    CHECK(bob.typeLine("/msg ghost 你在吗"));
    REQUIRE_MESSAGE(bob.screenshotUntil("row: private bob: 你在吗  [failed]"), bob.lastReport());
    CHECK(bob.lastReport().find("screenshot view: ghost") != std::string::npos); // the tab came to the front
    CHECK(bob.lastReport().find("header: bob  未发送：右键可重试") != std::string::npos);
    CHECK(bob.lastReport().find("row: prompt : 消息未发送：对方不在线，也没有注册，消息没有保存") !=
          std::string::npos);
    bob.keepScreenshot("retry-failed");

    support::JoinedClient ghost(room.port(), "ghost");
    CHECK(bob.click(kMessageTextX, kMessageTextY, 3));
    std::this_thread::sleep_for(300ms);
    CHECK(bob.click(kMessageTextX + 30, kMessageTextY + kMenuFirstOffsetY));
    const auto got = ghost.waitFor<net::Private>(10s);
    REQUIRE_MESSAGE(got.has_value(), bob.lastReport());
    CHECK(got->from == "bob");
    CHECK(got->text == "你在吗");
    // The same line, stored now (the right click also selected it).
    REQUIRE_MESSAGE(bob.screenshotUntil("row: private bob: 你在吗  [selected]\n"), bob.lastReport());
    CHECK(bob.lastReport().find("[failed]") == std::string::npos);
    CHECK(bob.terminate() == 0);
}

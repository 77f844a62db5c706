// Reply through the real window: Reply in a message's menu, the answer sent with its quote line, the reply
// shown with the quote above it, and a click on the quote selects the message it answers.
#include <doctest/doctest.h>

#include <thread>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

namespace {

// In a 1100×720 window at the default size: carol's message (the first entry) has its text line here; the
// entry menu's items are 21 px apart with separators between groups, Reply last (after a separator).
constexpr int kFirstTextX = 60;
constexpr int kFirstTextY = 97;
constexpr int kMenuReplyOffsetY = 112;
// bob's reply comes after the history separator: its stamp line, the quote line, then the answer.
constexpr int kReplyQuoteY = 160;
constexpr int kReplyAnswerY = 177;

} // namespace

TEST_CASE("e2e: Reply on a message sends the answer with its quote, and a click on the quote finds it") {
    apptest::GuiRoom room("reply");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"原来的消息 original"});
    apptest::ImchatWindow bob(room, {"bob", "reply", "原来的消息", false});
    bob.requireOnline(carol);
    REQUIRE(bob.waitForScreenshots(1));
    REQUIRE(bob.focus());

    CHECK(bob.click(kFirstTextX, kFirstTextY, 3));
    std::this_thread::sleep_for(300ms);
    CHECK(bob.click(kFirstTextX + 30, kFirstTextY + kMenuReplyOffsetY));
    REQUIRE_MESSAGE(bob.screenshotUntil("screenshot replying: carol #1"), bob.lastReport());
    bob.keepScreenshot("reply-bar");
    CHECK(bob.typeLine("回复内容 my answer"));
    const auto chat = carol.waitFor<net::Chat>(10s);
    REQUIRE(chat.has_value());
    CHECK(chat->text == "> @carol #1: 原来的消息 original\n回复内容 my answer");

    REQUIRE_MESSAGE(
        bob.screenshotUntil("row: chat bob: \u21AA carol #1: 原来的消息 original\n回复内容 my answer"),
        bob.lastReport());
    CHECK(bob.lastReport().find("screenshot replying:") == std::string::npos); // answered: the bar is gone
    bob.keepScreenshot("reply-sent");

    // A click on the answer selects the reply; a click on its quote line selects the message it answers.
    const std::string replyRow = "row: chat bob: \u21AA carol #1: 原来的消息 original\n回复内容 my answer";
    CHECK(bob.click(kFirstTextX, kReplyAnswerY));
    REQUIRE_MESSAGE(bob.screenshotUntil(replyRow + "  [selected]"), bob.lastReport());
    CHECK(bob.lastReport().find("original  [selected]") == std::string::npos);
    std::this_thread::sleep_for(300ms); // not a double click
    CHECK(bob.click(kFirstTextX, kReplyQuoteY));
    REQUIRE_MESSAGE(bob.screenshotUntil("row: chat carol: 原来的消息 original  [selected]"),
                    bob.lastReport());
    CHECK(bob.lastReport().find(replyRow + "  [selected]") == std::string::npos);
    CHECK(bob.terminate() == 0);
}

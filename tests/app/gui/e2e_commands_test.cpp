// The input box's commands through a real window: /help, /me, // for a leading slash, /nick, and an
// unknown command that sends nothing.
#include <doctest/doctest.h>

#include <thread>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

TEST_CASE("e2e: /help, /me, //, /nick and an unknown command typed into the window") {
    apptest::GuiRoom room("commands");
    support::JoinedClient carol(room.port(), "carol");
    apptest::ImchatWindow bob(room, {"bob", "commands", "", false});
    bob.requireOnline(carol);
    REQUIRE(bob.focus());

    // Each line is typed once the one before has had its effect, as a person would (xdotool's keys can
    // otherwise outrun a busy window's frames and reach it in another order).
    CHECK(bob.typeLine("/help"));
    REQUIRE(bob.screenshotUntil("row: notice : 命令："));
    CHECK(bob.typeLine("/me 挥挥手"));
    auto chat = carol.waitFor<net::Chat>(10s);
    REQUIRE_MESSAGE(chat.has_value(), bob.lastReport());
    CHECK(chat->text == "/me 挥挥手"); // the help note went nowhere: the first text carol gets is this
    CHECK(bob.typeLine("//usr/bin 在这里"));
    chat = carol.waitFor<net::Chat>(10s);
    REQUIRE(chat.has_value());
    CHECK(chat->text == "/usr/bin 在这里");

    CHECK(bob.typeLine("/nick bob2"));
    bool rejoined = false;
    for (int i = 0; i < 4 && !rejoined; ++i) {
        const auto joined = carol.waitFor<net::Joined>(10s);
        rejoined = joined && joined->name == "bob2";
    }
    CHECK(rejoined);
    REQUIRE(bob.find("imchat - bob2"));

    CHECK(bob.typeLine("/join #lab"));
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    const std::string report = bob.lastReport();
    INFO(report);
    CHECK(report.find("row: notice : 命令：\n/msg 名字 内容") != std::string::npos);
    CHECK(bob.showed("chat bob: * bob 挥挥手"));
    CHECK(bob.showed("chat bob: /usr/bin 在这里"));
    CHECK(bob.showed("prompt : /join 不是命令：输入 /help 查看命令；要发送以 / 开头的文字，请用 // 开头"));
    CHECK_FALSE(carol.waitFor<net::Chat>(500ms).has_value()); // nothing of "/join" was sent
    bob.keepScreenshot("commands-typed");
    CHECK(bob.terminate() == 0);
}

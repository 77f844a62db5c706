// Real-window tests of private messages and of the lab's inline prompts.
#include <doctest/doctest.h>

#include <thread>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

namespace {

// Where the second name of the user list is drawn in a 1100×720 window at the default font size.
constexpr int kUserListX = 950;
constexpr int kSecondUserY = 102;

} // namespace

TEST_CASE("e2e: private messages through the user list, with the offline note") {
    apptest::GuiRoom room("private");
    // erin owns her name (registered), so what is written to her while she is away waits in her mailbox.
    support::JoinedClient erin(room.port(), support::registerHello("erin", "erin's long password"));

    apptest::ImchatWindow dave(room, {"dave", "dave-private", "对方不在线"});
    REQUIRE(erin.waitFor<net::Joined>(15s).has_value());
    erin.send(net::Whisper{1, "dave", "悄悄话 from erin"});
    REQUIRE(erin.waitFor<net::Private>(5s).has_value()); // erin's own echo

    REQUIRE_MESSAGE(dave.find("imchat - dave"), "dave's window never appeared: " << dave.err());
    CHECK(dave.focus());
    CHECK(dave.click(kUserListX, kSecondUserY)); // "erin" in the list: opens the private conversation
    // The input box takes the focus a frame or two after the click, as for a person who clicks, then types.
    std::this_thread::sleep_for(300ms);
    CHECK(dave.typeLine("收到 erin"));
    const auto reply = erin.waitFor<net::Private>(10s);
    REQUIRE(reply.has_value());
    CHECK(reply->from == "dave");
    CHECK(reply->to == "erin");
    CHECK(reply->text == "收到 erin");

    // erin leaves; what dave writes now waits in her mailbox, and dave's window says so.
    erin.send(net::Bye{"bye"});
    CHECK(erin.isClosedByPeer(5s));
    CHECK(dave.typeLine("你下线了吗"));
    REQUIRE_MESSAGE(dave.waitExit() == 0, "dave: " << dave.out() << dave.err());
    INFO("dave printed:\n" << dave.out());
    CHECK(dave.out().find("screenshot view: erin") != std::string::npos);
    CHECK(dave.showed("private erin: 悄悄话 from erin"));
    CHECK(dave.showed("private dave: 收到 erin"));
    CHECK(dave.showed("private dave: 你下线了吗"));
    CHECK(dave.showed("notice : 对方不在线，上线后会收到"));

    support::JoinedClient erinAgain(room.port(), support::loginHello("erin", "erin's long password"));
    bool stored = false;
    for (const net::Private& p : erinAgain.joined().privates)
        stored |= p.text == "你下线了吗" && (p.flags & net::kPrivateStored);
    CHECK(stored);
}

TEST_CASE("e2e: an empty name or message gives the lab's prompt and sends nothing") {
    apptest::GuiRoom room("prompts");
    support::JoinedClient carol(room.port(), "carol");

    // No name: typing a message only brings up "请输入用户名!".
    apptest::ImchatWindow nameless(room, {"", "no-name", "请输入用户名"});
    REQUIRE_MESSAGE(nameless.find("imchat"), "the window never appeared: " << nameless.err());
    CHECK(nameless.focus());
    CHECK(nameless.typeLine("hello"));
    REQUIRE_MESSAGE(nameless.waitExit() == 0, nameless.out() << nameless.err());
    CHECK(nameless.showed("prompt : 请输入用户名!"));
    CHECK(nameless.out().find("screenshot row: chat") == std::string::npos);

    // A name but an empty message: "发送内容不能为空!".
    apptest::ImchatWindow frank(room, {"frank", "empty-message", "发送内容不能为空"});
    frank.requireOnline(carol, 15s);
    CHECK(frank.focus());
    CHECK(frank.pressReturn());
    REQUIRE_MESSAGE(frank.waitExit() == 0, frank.out() << frank.err());
    CHECK(frank.showed("prompt : 发送内容不能为空!"));

    CHECK_FALSE(carol.waitFor<net::Chat>(500ms).has_value()); // nothing reached the room
}

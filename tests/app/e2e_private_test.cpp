// Real-window tests of private messages and of the lab's inline prompts.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>
#include <unistd.h>

#include "gui_session.hpp"
#include "support/server_process.hpp"
#include "support/test_client.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Where the second name of the user list is drawn in a 1100×720 window at the default font size.
constexpr int kUserListX = 950;
constexpr int kSecondUserY = 102;

} // namespace

TEST_CASE("e2e: private messages through the user list, with the offline note") {
    apptest::requireDisplay();
    const fs::path dir = apptest::tempDir("private");
    support::ServerProcess server;
    support::TestClient erin;
    erin.connect(server.port());
    erin.join("erin");

    apptest::ImchatWindow dave("dave", server.port(), dir, "dave-private", "对方不在线");
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

    support::TestClient erinAgain;
    erinAgain.connect(server.port());
    const support::JoinResult join = erinAgain.join("erin");
    bool stored = false;
    for (const net::Private& p : join.privates) stored |= p.text == "你下线了吗" && (p.flags & net::kPrivateStored);
    CHECK(stored);
    fs::remove_all(dir);
}

TEST_CASE("e2e: an empty name or message gives the lab's prompt and sends nothing") {
    apptest::requireDisplay();
    const fs::path dir = apptest::tempDir("prompts");
    support::ServerProcess server;
    support::TestClient carol;
    carol.connect(server.port());
    carol.join("carol");

    // No name: typing a message only brings up "请输入用户名!".
    apptest::ImchatWindow nameless("", server.port(), dir, "no-name", "请输入用户名");
    REQUIRE_MESSAGE(nameless.find("imchat"), "the window never appeared: " << nameless.err());
    CHECK(nameless.focus());
    CHECK(nameless.typeLine("hello"));
    REQUIRE_MESSAGE(nameless.waitExit() == 0, nameless.out() << nameless.err());
    CHECK(nameless.showed("prompt : 请输入用户名!"));
    CHECK(nameless.out().find("screenshot row: chat") == std::string::npos);

    // A name but an empty message: "发送内容不能为空!".
    apptest::ImchatWindow frank("frank", server.port(), dir, "empty-message", "发送内容不能为空");
    REQUIRE(carol.waitFor<net::Joined>(15s).has_value());
    REQUIRE(frank.find("imchat - frank"));
    CHECK(frank.focus());
    CHECK(frank.pressReturn());
    REQUIRE_MESSAGE(frank.waitExit() == 0, frank.out() << frank.err());
    CHECK(frank.showed("prompt : 发送内容不能为空!"));

    CHECK_FALSE(carol.waitFor<net::Chat>(500ms).has_value()); // nothing reached the room
    fs::remove_all(dir);
}

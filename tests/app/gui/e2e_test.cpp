// End to end through real windows: a real imchat-server, two real imchat windows under X (Xvfb in CI),
// real keystrokes from xdotool into alice's window, and bob's window must show the message.
#include <doctest/doctest.h>

#include <thread>

#include <cstdio>
#include <filesystem>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

/// c says "msg 001 第1条" to "msg <count> 第<count>条", each echoed before the next.
void sayNumbered(support::TestClient& c, int count) {
    char text[32];
    for (int i = 1; i <= count; ++i) {
        std::snprintf(text, sizeof text, "msg %03d 第%d条", i, i);
        c.send(net::Say{static_cast<std::uint64_t>(i), text});
        c.expect<net::Chat>();
    }
}

} // namespace

TEST_CASE("e2e: typed into alice's window, shown in bob's window and received by a client") {
    apptest::GuiRoom room("room");
    const std::string typed = "hi 你好聊";

    // carol is a plain protocol client: she leaves history behind and watches the room.
    support::JoinedClient carol(room.port(), "carol");
    carol.send(net::Say{1, "历史消息：欢迎来到聊天室"});
    carol.expect<net::Chat>();

    apptest::ImchatWindow bob(room, {"bob", "bob", typed});
    REQUIRE(carol.waitFor<net::Joined>(15s).has_value()); // bob's window is online
    apptest::ImchatWindow alice(room, {"alice", "alice", typed});
    const auto joined = carol.waitFor<net::Joined>(15s);
    REQUIRE(joined.has_value());
    CHECK(joined->name == "alice");
    CHECK(joined->online == 3);

    REQUIRE_MESSAGE(alice.find("imchat - alice"), "alice's window never appeared: " << alice.err());
    CHECK(alice.focus());
    CHECK(alice.typeLine(typed));

    // The server broadcast what was typed, stamped with alice's name.
    const auto chat = carol.waitFor<net::Chat>(10s);
    REQUIRE(chat.has_value());
    CHECK(chat->name == "alice");
    CHECK(chat->text == typed);

    // bob's window showed it (with the history, the separator and the head-count), saved it, and quit.
    REQUIRE_MESSAGE(bob.waitExit() == 0, "bob: " << bob.out() << bob.err());
    INFO("bob printed:\n" << bob.out());
    CHECK(bob.showed("chat alice: hi 你好聊"));
    CHECK(bob.showed("separator : ----以上是历史记录----"));
    CHECK(bob.showed("chat carol: 历史消息：欢迎来到聊天室"));
    CHECK(bob.showed("notice : alice 加入了聊天室，当前 3 人"));
    CHECK(bob.out().find("screenshot view: room") != std::string::npos);
    CHECK(bob.out().find("online 3") != std::string::npos);
    const auto [w, h] = apptest::pngSize(bob.screenshot());
    CHECK(w >= 400);
    CHECK(h >= 300);
    CHECK(fs::file_size(bob.screenshot()) > 10'000); // text on it, not a blank frame

    REQUIRE_MESSAGE(alice.waitExit() == 0, "alice: " << alice.out() << alice.err());
    CHECK(alice.showed("chat alice: hi 你好聊"));
    CHECK(apptest::pngSize(alice.screenshot()).first >= 400);
}

TEST_CASE("e2e: PageUp, PageDown, Home and End move through the messages once the input box lets go") {
    apptest::GuiRoom room("keys", {"--rate", "1000", "--burst", "1000"});
    support::JoinedClient carol(room.port(), "carol");
    sayNumbered(carol, 150);
    apptest::ImchatWindow gina(room, {"gina", "keys", "never shown", false});
    gina.requireOnline(carol, 15s);
    REQUIRE(gina.focus());
    const auto after = [&](const std::string& keys) {
        CHECK(gina.key(keys));
        std::this_thread::sleep_for(300ms);
        REQUIRE(gina.screenshotNow());
        return gina.lastReport();
    };
    const auto shows = [](const std::string& report, const char* msg) {
        return report.find(std::string("row: chat carol: ") + msg) != std::string::npos;
    };
    // The input box has the keys: Home and End are its own; PageUp is the scrollback's even so.
    std::string r = after("Home");
    CHECK(shows(r, "msg 150"));
    r = after("Prior");
    CHECK_FALSE(shows(r, "msg 150"));
    r = after("Next");
    CHECK(shows(r, "msg 150"));
    // A click on the messages takes the keys from the input box.
    CHECK(gina.click(400, 300));
    r = after("ctrl+Home");
    CHECK(shows(r, "msg 001"));
    CHECK_FALSE(shows(r, "msg 150"));
    r = after("Next");
    CHECK_FALSE(shows(r, "msg 001"));
    r = after("End");
    CHECK(shows(r, "msg 150"));
    CHECK_FALSE(shows(r, "msg 001"));
    CHECK(gina.terminate() == 0);
}

TEST_CASE("e2e: scrolling to the top of the window loads older history from the server") {
    // A newcomer gets the last 60 messages; the first 90 only come through history pages.
    apptest::GuiRoom room("history", {"--history", "60", "--rate", "1000", "--burst", "1000"});
    support::JoinedClient carol(room.port(), "carol");
    sayNumbered(carol, 150);

    apptest::ImchatWindow gina(room, {"gina", "history", "msg 001 "});
    gina.requireOnline(carol, 15s);
    CHECK(gina.focus());
    // Mouse wheel up (button 4) over the scrollback until the window asks for older pages.
    // (The last click may find the window already gone: it quits once the page is on screen.)
    for (int i = 0; i < 60 && gina.waitExit(50ms) < 0; ++i) gina.click(400, 300, 4);
    REQUIRE_MESSAGE(gina.waitExit() == 0, "gina: " << gina.out() << gina.err());
    INFO("gina printed:\n" << gina.out());
    // All 150 messages, the separator and the "beginning of history" notice; the view did not jump.
    CHECK(gina.out().find("screenshot view: room, 152 entries") != std::string::npos);
    CHECK_FALSE(gina.showed("chat carol: msg 001 "));
}

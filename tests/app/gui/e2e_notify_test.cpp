// Desktop notifications through a real session bus: a private dbus-daemon of the test's own with a mock
// notification daemon on it (python3-dbusmock), never the user's bus. A private message and a mention that
// arrive while the window is not focused are notified, Chinese and emoji intact; a click on a notification
// opens its conversation; a stuck daemon never stalls the window.
#include <doctest/doctest.h>

#include <csignal>
#include <thread>

#include "gui_session.hpp"
#include "support/child_process.hpp"
#include "support/joined_client.hpp"
#include "support/read_file.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

/// Counts occurrences of what in text.
std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

/// Runs a command on the test's bus and waits for it; its exit code.
int onBus(const std::string& address, const std::vector<std::string>& command) {
    support::ChildProcess p(support::Command{
        command[0], {command.begin() + 1, command.end()}, {"DBUS_SESSION_BUS_ADDRESS=" + address}});
    return p.waitExit(10s).value_or(-1);
}

} // namespace

TEST_CASE("e2e: notifications for a private message and a mention while unfocused, a click opens it, a stuck "
          "daemon stalls nothing") {
    apptest::GuiRoom room("notify");
    support::ChildProcess bus(
        support::Command{"dbus-daemon", {"--session", "--nofork", "--print-address=1"}, {}, {}, {}, true});
    std::string address;
    for (int i = 0; i < 100 && address.empty(); ++i) {
        const std::string out = bus.out();
        if (out.find('\n') != std::string::npos) address = out.substr(0, out.find('\n'));
        else std::this_thread::sleep_for(50ms);
    }
    REQUIRE_MESSAGE(!address.empty(), "dbus-daemon printed no address: " << bus.out());
    const fs::path log = room.dir() / "notifications.log";
    support::ChildProcess daemon(
        support::Command{"/usr/bin/python3",
                         {"-m", "dbusmock", "--template", "notification_daemon", "-l", log.string()},
                         {"DBUS_SESSION_BUS_ADDRESS=" + address}});
    bool up = false;
    for (int i = 0; i < 50 && !up; ++i) {
        up = onBus(address, {"dbus-send", "--session", "--print-reply",
                             "--dest=org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                             "org.freedesktop.Notifications.GetServerInformation"}) == 0;
        if (!up) std::this_thread::sleep_for(100ms);
    }
    REQUIRE_MESSAGE(up, "the mock notification daemon did not come up: " << daemon.err());

    support::JoinedClient carol(room.port(), "carol");
    apptest::ImchatWindow bob(room, {"bob", "notify", "", false, {"DBUS_SESSION_BUS_ADDRESS=" + address}});
    bob.requireOnline(carol);
    // bob looks at another window: alice's takes the keyboard focus.
    apptest::ImchatWindow alice(room, {"alice", "notify-alice", "never shown", false});
    alice.requireOnline(carol);
    REQUIRE(alice.focus());
    std::this_thread::sleep_for(300ms);

    carol.send(net::Whisper{1, "bob", "晚上一起吃饭吗？\xF0\x9F\x8D\x9C"}); // 🍜
    REQUIRE(carol.waitFor<net::Private>(5s).has_value());
    apptest::say(carol, {"bob 你看一下这个", "nobody is mentioned here"});
    std::string calls;
    for (int i = 0; i < 100 && count(calls, " Notify ") < 2; ++i) {
        std::this_thread::sleep_for(100ms);
        calls = support::readFile(log);
    }
    INFO("the daemon was called with:\n" << calls);
    CHECK(count(calls, " Notify ") == 2); // the private message and the mention, not the third
    CHECK(calls.find("\"carol 发来私聊\" \"晚上一起吃饭吗？\xF0\x9F\x8D\x9C\"") != std::string::npos);
    CHECK(calls.find("\"carol 在聊天室提到了你\" \"bob 你看一下这个\"") != std::string::npos);
    CHECK(calls.find("[\"default\", \"open\"]") != std::string::npos);

    // The user clicks the first one: bob's window comes to the front with carol's conversation open.
    const std::string click =
        "import dbus, sys\n"
        "bus = dbus.bus.BusConnection(sys.argv[1])\n"
        "mock = bus.get_object('org.freedesktop.Notifications', '/org/freedesktop/Notifications')\n"
        "mock.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us', [dbus.UInt32(1), 'default'],\n"
        "                dbus_interface='org.freedesktop.DBus.Mock')\n";
    CHECK(onBus(address, {"/usr/bin/python3", "-c", click, address}) == 0);
    REQUIRE_MESSAGE(bob.screenshotUntil("screenshot view: carol"), bob.lastReport());
    CHECK(bob.lastReport().find("notifications: on, shown 2, failed 0") != std::string::npos);
    bob.keepScreenshot("notify-clicked");

    // A daemon that stops answering: the window goes on drawing while its call waits, and the call gives up
    // after its second.
    REQUIRE(daemon.signal(SIGSTOP));
    REQUIRE(alice.focus());
    std::this_thread::sleep_for(300ms);
    carol.send(net::Whisper{2, "bob", "还在吗"});
    REQUIRE(carol.waitFor<net::Private>(5s).has_value());
    std::this_thread::sleep_for(200ms); // the notification is on its way to the stopped daemon
    REQUIRE(bob.focus());
    const auto before = std::chrono::steady_clock::now();
    CHECK(bob.screenshotNow(3s));
    CHECK(std::chrono::steady_clock::now() - before < 3s);
    CHECK_MESSAGE(bob.screenshotUntil("failed 1", 10s), bob.lastReport());
    daemon.signal(SIGCONT);
    CHECK(bob.terminate() == 0);
}

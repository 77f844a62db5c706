// The installed imchat.exe under Wine in a Linux room: it connects over TLS to the Linux imchat-server,
// shows what a Linux client says in Chinese, and what is typed into it reaches that client byte for byte.
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <sstream>
#include <vector>

#include "app/gui/gui_session.hpp"
#include "support/joined_client.hpp"
#include "support/read_file.hpp"
#include "wine_prefix.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

/// Unbinds the keycodes that typing bound to characters the keymap lacks (x_keymap.hpp), as a fresh X
/// server has them. Wine gives each such key a virtual key from a pool of spare ones, 7 with Xvfb's keymap,
/// and drops the key events of one that got none (WINEDEBUG=+keyboard: "keycode 154 => vkey 0000"): a Wine
/// window can only be typed 7 characters the keymap lacks, counting those still bound by earlier tests.
bool unbindTypedCharacters() {
    const auto keymap = support::runToEnd({"xmodmap", {"-pke"}}, 10s);
    if (keymap.exitCode != 0) return false;
    const auto typed = [](const std::string& sym) { // "U804A", as x_keymap binds them
        return sym.size() >= 5 && sym[0] == 'U' &&
               sym.find_first_not_of("0123456789ABCDEF", 1) == std::string::npos;
    };
    std::vector<std::string> args;
    std::istringstream lines(keymap.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string keyword, equals;
        int code = 0;
        if (!(words >> keyword >> code >> equals) || keyword != "keycode") continue;
        const std::vector<std::string> syms{std::istream_iterator<std::string>(words), {}};
        if (!syms.empty() && std::all_of(syms.begin(), syms.end(), typed))
            args.insert(args.end(), {"-e", "keycode " + std::to_string(code) + " ="});
    }
    return args.empty() || support::runToEnd({"xmodmap", args}, 10s).exitCode == 0;
}

} // namespace

TEST_CASE("wine: the installed imchat.exe talks Chinese with a Linux server and client") {
    const auto setup = wintest::requireArtefact("IMCHAT_WINDOWS_SETUP");
    wintest::WinePrefix& wine = wintest::WinePrefix::shared();
    // What a user does first: install it (again, over an earlier install, is an update) and a Chinese font.
    const auto install = wine.run({setup.string(), "/S"}, 120s);
    REQUIRE_MESSAGE(install.exitCode == 0, "setup.exe /S: " << install.out << install.err);
    const fs::path exe = wine.profile() / "AppData" / "Local" / "Programs" / "imchat" / "imchat.exe";
    REQUIRE(fs::is_regular_file(exe));
    wine.installFont("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    // carol waits silently while Wine starts the window, and the server cuts a client silent for three
    // heartbeats (15 s by default): on a busy machine Wine can take longer than that.
    apptest::GuiRoom room("wine-window", {"--heartbeat-ms", "60000"});
    support::JoinedClient carol(room.port(), "carol");
    const std::string fromLinux = "你好，来自 Linux 的消息";
    const std::string typed = "wendy 说：你好聊天 from Wine"; // 6 characters the keymap lacks, of 7 at most
    apptest::ImchatWindow::Options options{"wendy", "wine-window", fromLinux, false};
    options.launcher = {"wine"};
    options.program = wine.windowsPath(exe);
    options.pathArgument = [&wine](const fs::path& p) { return wine.windowsPath(p); };
    options.env = wine.env();
    REQUIRE(unbindTypedCharacters()); // before Wine reads the keymap
    apptest::ImchatWindow wendy(room, options);
    // Wine starts in 2-7 s, more on a busy machine.
    wendy.requireOnline(carol, 60s);

    apptest::say(carol, {fromLinux});
    REQUIRE_MESSAGE(wendy.waitForScreenshots(1, 30s), "wendy: " << wendy.out() << wendy.err());
    CHECK(wendy.showed("chat carol: " + fromLinux));

    REQUIRE(wendy.focus());
    REQUIRE(wendy.typeLine(typed));
    const auto chat = carol.waitFor<net::Chat>(15s);
    REQUIRE(chat.has_value());
    CHECK(chat->name == "wendy");
    CHECK(chat->text == typed);

    // Both messages on screen, in the Chinese UI: the screenshot people look at after the run.
    REQUIRE(wendy.screenshotUntil("chat wendy: " + typed, 30s));
    INFO("wendy's last screenshot:\n" << wendy.lastReport());
    CHECK(wendy.showed("chat carol: " + fromLinux));
    wendy.keepScreenshot("wine-window");
    CHECK(fs::file_size(wendy.screenshot()) > 10'000); // text on it, not a blank frame
    CHECK(apptest::pngSize(wendy.screenshot()).first >= 400);

    // Closed as a Windows user closes it: Alt+F4 (a GUI program gets no console Ctrl+C, and SIGINT to
    // the Wine process does not reach it). It says goodbye and saves its settings in %APPDATA%\imchat.
    REQUIRE(wendy.focus());
    REQUIRE(wendy.key("alt+F4"));
    CHECK(wendy.waitExit(30s) == 0);
    const auto left = carol.waitFor<net::Left>(15s);
    REQUIRE(left.has_value());
    CHECK(left->name == "wendy");
    CHECK(left->reason == net::LeaveReason::Bye); // not a lost connection
    const std::string settings =
        support::readFile(wine.profile() / "AppData" / "Roaming" / "imchat" / "settings.ini");
    INFO("settings.ini:\n" << settings);
    CHECK(settings.find("name=wendy") != std::string::npos);
    CHECK(settings.find("server=127.0.0.1:" + std::to_string(room.port())) != std::string::npos);
}

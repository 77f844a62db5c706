// imchat-server.exe under Wine serves Linux clients: the Linux window (over TLS, trusting the key the
// Windows server printed) and the protocol client, Chinese both ways; its history survives its clean stop.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/gui/gui_session.hpp"
#include "support/joined_client.hpp"
#include "support/scratch_dir.hpp"
#include "wine_prefix.hpp"
#include "wine_server.hpp"

using namespace std::chrono_literals;

TEST_CASE(
    "wine: imchat-server.exe serves a Linux window and client, and keeps the history across a restart") {
    const auto exe = wintest::requireArtefact("IMCHAT_WINDOWS_SERVER");
    wintest::WinePrefix& wine = wintest::WinePrefix::shared();
    support::ScratchDir data("wine-server"); // the server's database and TLS key, kept across the restart
    const std::string fromCarol = "你好，来自 Linux 客户端的消息";
    const std::string typed = "bob 说：服务器在 Wine 里 ok";

    auto server = std::make_unique<wintest::WineServer>(wine, exe, data.path() / "server.db");
    const std::uint16_t port = server->port();
    const std::string fingerprint = server->fingerprint();
    apptest::GuiRoom room("wine-server", apptest::GuiRoom::External{port, fingerprint});
    {
        support::JoinedClient carol(port, "carol");
        apptest::ImchatWindow bob(room, {"bob", "wine-server", fromCarol, false});
        bob.requireOnline(carol, 30s);
        apptest::say(carol, {fromCarol});
        // The window took its screenshot once carol's message showed.
        REQUIRE_MESSAGE(bob.waitForScreenshots(1), "bob: " << bob.out() << bob.err());
        CHECK(bob.showed("chat carol: " + fromCarol));

        REQUIRE(bob.focus());
        REQUIRE(bob.typeLine(typed));
        const auto chat = carol.waitFor<net::Chat>(15s);
        REQUIRE(chat.has_value());
        CHECK(chat->name == "bob");
        CHECK(chat->text == typed);
        CHECK(bob.screenshotUntil("chat bob: " + typed));
        bob.keepScreenshot("wine-server-bob");

        // The clean stop, with both still connected: Ctrl+C (SIGINT) reaches the program as SIGINT.
        const int stopped = server->stop();
        INFO("imchat-server.exe printed:\n" << server->out() << server->err());
        CHECK(stopped == 0);
        CHECK(server->out().find("signal: shutting down") != std::string::npos);
        CHECK(carol.isClosedByPeer(10s));
        CHECK(bob.terminate() == 0);
    }

    // The same data folder on the same port: the same key, and a newcomer gets the earlier messages.
    server = std::make_unique<wintest::WineServer>(wine, exe, data.path() / "server.db", port);
    CHECK(server->fingerprint() == fingerprint);
    support::JoinedClient dave(port, "dave");
    const auto& history = dave.joined().history;
    const auto said = [&history](const std::string& name, const std::string& text) {
        return std::any_of(history.begin(), history.end(),
                           [&](const net::Chat& c) { return c.name == name && c.text == text; });
    };
    CHECK(said("carol", fromCarol));
    CHECK(said("bob", typed));
    // And a Linux window that joins now shows them: it takes its screenshot once bob's message shows.
    apptest::ImchatWindow erin(room, {"erin", "wine-server-history", typed});
    erin.requireOnline(dave, 30s);
    REQUIRE_MESSAGE(erin.waitExit(30s) == 0, "erin: " << erin.out() << erin.err());
    CHECK(erin.showed("chat carol: " + fromCarol));
    CHECK(erin.showed("chat bob: " + typed));
    CHECK(server->stop() == 0);
}

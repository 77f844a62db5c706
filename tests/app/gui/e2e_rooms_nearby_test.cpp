// The window's "rooms nearby" list on a real (private) LAN: run through tests/discovery/in_private_lan.sh,
// with servers announcing through a real Avahi daemon and the window finding them through it, as on a
// classroom's network. A room shows within 2 s of its server starting, a room served by two machines under
// one key is one row, a click joins after the usual first-contact question, and a stopped room leaves the
// list within 5 s.
#include <doctest/doctest.h>

#include <cstdio>
#include <optional>
#include <sstream>
#include <thread>

#include "app/text/i18n.hpp"
#include "gui_session.hpp"
#include "support/joined_client.hpp"
#include "support/numbered.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const app::Strings& zh = app::strings(app::Lang::Zh);

/// A server every address of the namespace reaches (a loopback-only one is not announced).
std::unique_ptr<support::ServerProcess> lanServer(std::vector<std::string> args) {
    args.insert(args.begin(), {"--bind", "0.0.0.0"});
    return std::make_unique<support::ServerProcess>(support::ServerProcess::Options{.extraArgs = args});
}

/// Waits until the window's output holds text (it prints its list each time it changes); how long it took,
/// or nullopt after timeout.
std::optional<std::chrono::milliseconds> waitForOutput(const apptest::ImchatWindow& w,
                                                       const std::string& text, bool present,
                                                       std::chrono::milliseconds timeout) {
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        // The list as printed last: everything after the last "lan rooms:" line.
        const std::string out = w.out();
        const std::size_t last = out.rfind("imchat: lan rooms: ");
        const bool has = last != std::string::npos && out.find(text, last) != std::string::npos;
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        if (has == present) return took;
        if (took > timeout) return std::nullopt;
        std::this_thread::sleep_for(20ms);
    }
}

/// The centre of a rectangle reported as "x0 y0 x1 y1 <rest>" after prefix, where rest starts with label.
std::optional<std::pair<int, int>> reported(const std::string& report, const std::string& prefix,
                                            const std::string& label) {
    std::istringstream lines(report);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(prefix, 0) != 0) continue;
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        int consumed = 0;
        if (std::sscanf(line.c_str() + prefix.size(), "%f %f %f %f %n", &x0, &y0, &x1, &y1, &consumed) != 4)
            continue;
        if (line.compare(prefix.size() + static_cast<std::size_t>(consumed), label.size(), label) != 0)
            continue;
        return std::pair{static_cast<int>((x0 + x1) / 2), static_cast<int>((y0 + y1) / 2)};
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("e2e lan: rooms on this network show up, a room's two servers are one row, a click joins, a "
          "stopped room goes") {
    apptest::GuiRoom gui("lan", apptest::GuiRoom::External{});
    apptest::ImchatWindow lan(gui, {.name = "小蓝",
                                    .shot = "rooms-nearby",
                                    .exitAfterScreenshot = false,
                                    .trusted = false,
                                    .noServer = true});
    REQUIRE_MESSAGE(lan.find("imchat - 小蓝"), lan.err());
    REQUIRE(lan.screenshotNow()); // the window is up, and so is its browser
    CHECK(lan.lastReport().find("imchat: screenshot rooms button: ") != std::string::npos);

    // A room appears within 2 s of its server listening, with its Chinese name.
    auto third = lanServer({"--room-name", "三楼的聊天室"});
    const std::string thirdAt = support::numbered("10.77.0.1:", third->port());
    const auto shown = waitForOutput(lan, "imchat: lan room: 三楼的聊天室 | " + thirdAt + " |", true, 10s);
    REQUIRE_MESSAGE(shown, lan.out());
    CHECK(*shown < 2s);
    MESSAGE("the room showed " << shown->count() << " ms after its server listened");

    // Another machine of the same room (its key, its name) joins the row; another room has a row of its own.
    const fs::path keyDir = fs::path(third->dataPath()).parent_path();
    auto thirdToo =
        lanServer({"--room-name", "三楼的聊天室", "--tls-cert", (keyDir / "tls-cert.pem").string(),
                   "--tls-key", (keyDir / "tls-key.pem").string()});
    auto lab = lanServer({"--room-name", "Lab 2 实验室"});
    const std::string thirdTooAt = support::numbered("10.77.0.1:", thirdToo->port());
    const std::string both =
        third->port() < thirdToo->port() ? thirdAt + "," + thirdTooAt : thirdTooAt + "," + thirdAt;
    REQUIRE_MESSAGE(waitForOutput(lan, "imchat: lan room: 三楼的聊天室 | " + both + " |", true, 10s),
                    lan.out());
    REQUIRE_MESSAGE(waitForOutput(lan, "imchat: lan room: Lab 2 实验室 | ", true, 10s), lan.out());
    support::JoinedClient watcher(lab->port(), "watcher");
    REQUIRE(waitForOutput(
        lan, "Lab 2 实验室 | " + support::numbered("10.77.0.1:", lab->port()) + " | online 1", true, 10s));

    // The list, opened from the connect bar.
    REQUIRE(lan.screenshotNow());
    const auto roomsButton = reported(lan.lastReport(), "imchat: screenshot rooms button: ", "");
    REQUIRE(roomsButton);
    REQUIRE(lan.focus());
    REQUIRE(lan.click(roomsButton->first, roomsButton->second));
    REQUIRE(lan.screenshotUntil("imchat: screenshot lan room row: "));
    const std::string report = lan.lastReport();
    INFO("report:\n" << report);
    CHECK(report.find(std::string("imchat: screenshot rooms button: ")) != std::string::npos);
    CHECK(report.find(", 2 found") != std::string::npos);
    CHECK(report.find("imchat: screenshot lan room: Lab 2 实验室 | ") != std::string::npos);
    CHECK(report.find("| online 1 | encrypted | key " + lab->fingerprint().substr(0, 16)) !=
          std::string::npos);
    lan.keepScreenshot("rooms-nearby-list");

    // A click on the room: the field names it, and the key is asked about first, as for any new server.
    const auto row = reported(report, "imchat: screenshot lan room row: ", "Lab 2 实验室");
    REQUIRE(row);
    REQUIRE(lan.click(row->first, row->second));
    REQUIRE(lan.screenshotUntil("screenshot connection: key-unknown"));
    CHECK_FALSE(watcher.waitFor<net::Joined>(300ms)); // nothing sent before the user answers
    const auto trust =
        reported(lan.lastReport(), "imchat: screenshot control: ", "enabled " + std::string(zh.trust));
    REQUIRE_MESSAGE(trust, lan.lastReport());
    REQUIRE(lan.click(trust->first, trust->second));
    const auto joined = watcher.waitFor<net::Joined>(10s);
    REQUIRE(joined);
    CHECK(joined->name == "小蓝");
    REQUIRE(lan.screenshotUntil("screenshot connection: online, encrypted"));

    // In a narrow window the button shrinks to an arrow between the field and Connect, overlapping neither.
    REQUIRE(lan.resize(400, 300));
    REQUIRE(lan.screenshotUntil("screenshot window: 400x300"));
    float server0 = 0, server1 = 0, connect0 = 0, connect1 = 0, rooms0 = 0, rooms1 = 0, y0 = 0, y1 = 0;
    const std::string narrow = lan.lastReport();
    const std::size_t bar = narrow.find("imchat: screenshot top bar: ");
    const std::size_t button = narrow.find("imchat: screenshot rooms button: ");
    REQUIRE(bar != std::string::npos);
    REQUIRE(button != std::string::npos);
    REQUIRE(std::sscanf(narrow.c_str() + bar, "imchat: screenshot top bar: server %f-%f, connect %f-%f",
                        &server0, &server1, &connect0, &connect1) == 4);
    REQUIRE(std::sscanf(narrow.c_str() + button, "imchat: screenshot rooms button: %f %f %f %f", &rooms0, &y0,
                        &rooms1, &y1) == 4);
    CHECK(server1 <= rooms0);
    CHECK(rooms1 < connect0);
    CHECK(rooms1 - rooms0 <= y1 - y0 + 1); // an arrow, as wide as it is high
    CHECK(server1 - server0 >= 50);
    lan.keepScreenshot("rooms-nearby-narrow");
    // The list marks the room the window is in.
    REQUIRE(lan.click(static_cast<int>((rooms0 + rooms1) / 2), static_cast<int>((y0 + y1) / 2)));
    REQUIRE(lan.screenshotUntil("imchat: screenshot lan room row: "));
    CHECK(lan.lastReport().find(" Lab 2 实验室 (joined)\n") != std::string::npos);
    CHECK(lan.lastReport().find(" 三楼的聊天室\n") != std::string::npos);
    REQUIRE(lan.key("Escape"));

    // Both machines of the third floor stop: the room leaves the list within 5 s of the SIGTERMs.
    third->terminate();
    thirdToo->terminate();
    const auto gone = waitForOutput(lan, "三楼的聊天室", false, 10s);
    REQUIRE_MESSAGE(gone, lan.out());
    CHECK(*gone < 5s);
    CHECK(waitForOutput(lan, "Lab 2 实验室", true, 0s)); // the other room stays
    CHECK(lan.terminate() == 0);
}

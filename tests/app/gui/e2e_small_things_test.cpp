// The window's small courtesies, through real clicks and keys: Connect with no name says why and puts the
// cursor in the name field; Connect when already connected says so; Esc closes Settings; a private
// conversation says who it is with; a flood of arrivals and departures is one line.
#include <doctest/doctest.h>

#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

#include "app/io/known_servers.hpp"
#include "gui_session.hpp"
#include "support/closed_port.hpp"
#include "support/joined_client.hpp"
#include "support/numbered.hpp"
#include "support/read_file.hpp"

using namespace std::chrono_literals;

namespace {

/// The centre of a top-bar part ("connect" or "settings") from the last report (the bar is one line high).
std::pair<int, int> topBarCentre(const apptest::ImchatWindow& w, const std::string& part) {
    const std::string report = w.lastReport();
    const auto at = report.find("screenshot top bar: ");
    REQUIRE(at != std::string::npos);
    float s0 = 0, s1 = 0, c0 = 0, c1 = 0, t0 = 0, t1 = 0, settings = 0;
    REQUIRE(std::sscanf(report.c_str() + at,
                        "screenshot top bar: server %f-%f, connect %f-%f, state %f-%f, settings %f", &s0, &s1,
                        &c0, &c1, &t0, &t1, &settings) == 7);
    const float x = part == "connect" ? (c0 + c1) / 2 : settings + 15.0f;
    return {static_cast<int>(x), 19};
}

} // namespace

TEST_CASE(
    "e2e: Connect without a name, Connect when connected, Esc in Settings, a private tab, a join flood") {
    apptest::GuiRoom room("small");
    support::JoinedClient carol(room.port(), "carol");
    apptest::ImchatWindow w(room, {"", "small", "", false});
    REQUIRE(w.find("imchat"));
    REQUIRE(w.waitForScreenshots(1));
    REQUIRE(w.focus());

    // No name: the lab's prompt, and what is typed next goes into the name field.
    auto [cx, cy] = topBarCentre(w, "connect");
    CHECK(w.click(cx, cy));
    REQUIRE_MESSAGE(w.screenshotUntil("row: prompt : 请输入用户名!"), w.lastReport());
    CHECK(w.typeLine("dave"));
    bool joined = false;
    for (int i = 0; i < 3 && !joined; ++i) {
        const auto j = carol.waitFor<net::Joined>(10s);
        joined = j && j->name == "dave";
    }
    REQUIRE(joined);

    // Connected already: the click is answered.
    REQUIRE(w.screenshotUntil("connection: online"));
    std::tie(cx, cy) = topBarCentre(w, "connect");
    CHECK(w.click(cx, cy));
    const std::string already =
        "row: notice : 已经连接到 127.0.0.1:" + std::to_string(room.port()) + " 了，用户名 dave";
    REQUIRE_MESSAGE(w.screenshotUntil(already), w.lastReport());

    // Settings: Esc closes it.
    auto [sx, sy] = topBarCentre(w, "settings");
    CHECK(w.click(sx, sy));
    REQUIRE(w.screenshotUntil("screenshot popup: ##Popup_"));
    CHECK(w.key("Escape"));
    std::this_thread::sleep_for(300ms);
    REQUIRE(w.screenshotNow());
    CHECK(w.lastReport().find("screenshot popup:") == std::string::npos);

    // Twelve people come and go: one line, counting them all.
    {
        std::vector<std::optional<support::JoinedClient>> crowd(12);
        for (std::size_t i = 0; i < crowd.size(); ++i)
            crowd[i].emplace(room.port(), "guest" + std::to_string(i));
    }
    REQUIRE_MESSAGE(
        w.screenshotUntil("row: notice : 12 人加入（guest0、guest1、guest2、guest3、guest4…），12 人离开"),
        w.lastReport());
    std::size_t presenceRows = 0;
    const std::string report = w.lastReport();
    for (auto at = report.find("row: notice : "); at != std::string::npos;
         at = report.find("row: notice : ", at + 1))
        presenceRows += report.compare(at + 14, 3, "12 ") == 0;
    CHECK(presenceRows == 1);

    // A private conversation says who it is with, and whether they are there.
    CHECK(w.typeLine("/msg carol 在吗"));
    REQUIRE_MESSAGE(w.screenshotUntil("tab header: 与 carol 私聊 · 对方在线"), w.lastReport());
    w.keepScreenshot("small-private");
    CHECK(w.terminate() == 0);
}

TEST_CASE(
    "e2e: --server with a list whose first server is down: the window joins the second, the key trusted "
    "for both, and Connect says where it is connected") {
    apptest::GuiRoom room("server-list");
    support::JoinedClient carol(room.port(), "carol");
    const std::string down = support::numbered("127.0.0.1:", support::closedPort());
    const std::string here = support::numbered("127.0.0.1:", room.port());
    apptest::ImchatWindow w(
        room,
        {.name = "dave", .shot = "server-list", .exitAfterScreenshot = false, .server = down + "," + here});
    w.requireOnline(carol);
    REQUIRE(w.waitForScreenshots(1));
    REQUIRE(w.focus());
    REQUIRE(w.screenshotUntil("connection: online"));
    const app::KnownServers known(room.dir() / "cfg-server-list" / "imchat" / "known_servers");
    CHECK(known.find(down) == room.fingerprint()); // --trust pinned the key for every server of the list
    CHECK(known.find(here) == room.fingerprint());
    auto [cx, cy] = topBarCentre(w, "connect");
    CHECK(w.click(cx, cy));
    REQUIRE_MESSAGE(w.screenshotUntil("row: notice : 已经连接到 " + here + " 了，用户名 dave"),
                    w.lastReport());
    CHECK(w.terminate() == 0);
    // The whole list is remembered for the next start.
    CHECK(support::readFile(w.settingsFile()).find("server=" + down + "," + here + "\n") !=
          std::string::npos);
}

// Real window: the "— 2026-11-25 —" divider where the local date changes. The server stamps messages with
// its own clock, so the window gets a time zone whose midnight falls between two messages a few seconds
// apart. Screenshot: divider.png.
#include <doctest/doctest.h>

#include <ctime>
#include <thread>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

TEST_CASE("e2e: a day divider where the local date changes between two messages") {
    apptest::GuiRoom room("day");
    support::JoinedClient carol(room.port(), "carol");
    carol.send(net::Say{1, "昨天的最后一条"});
    const auto before = carol.waitFor<net::Chat>(5s);
    REQUIRE(before.has_value());

    // Local midnight two seconds after the first message: offset = what brings that second to a day's start.
    const std::int64_t midnight = static_cast<std::int64_t>(before->timeMs / 1000) + 2;
    const std::int64_t offset = (86400 - midnight % 86400) % 86400;
    char tz[32];
    std::snprintf(tz, sizeof tz, "IMC-%02lld:%02lld:%02lld", static_cast<long long>(offset / 3600),
                  static_cast<long long>(offset / 60 % 60), static_cast<long long>(offset % 60));
    std::this_thread::sleep_for(3s);
    carol.send(net::Say{2, "今天的第一条"});
    const auto after = carol.waitFor<net::Chat>(5s);
    REQUIRE(after.has_value());
    REQUIRE(static_cast<std::int64_t>(after->timeMs / 1000) >= midnight);

    const std::time_t local =
        static_cast<std::time_t>(after->timeMs / 1000 + static_cast<std::uint64_t>(offset));
    std::tm day{};
    gmtime_r(&local, &day);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &day);

    apptest::ImchatWindow bob(room, {"bob", "divider", "今天的第一条", true, {std::string("TZ=") + tz}});
    REQUIRE_MESSAGE(bob.waitExit() == 0, bob.out() << bob.err());
    INFO("TZ=" << tz << "; bob printed:\n" << bob.out());
    CHECK(bob.out().find(
              std::string("row: chat carol: 昨天的最后一条\nimchat: screenshot row: divider \u2014 ") + date +
              " \u2014\nimchat: screenshot row: chat carol: 今天的第一条") != std::string::npos);
    CHECK(bob.out().find("row: divider", bob.out().find("今天的第一条")) == std::string::npos); // only one
}

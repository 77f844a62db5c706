// net::RoomBrowser, what the window lists rooms with, against real servers announcing through a real Avahi
// daemon on the private LAN of in_private_lan.sh: a room appears with everything its record says, follows its
// head-count, and is forgotten when its server stops.
#include <doctest/doctest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "net/room_browser.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;

namespace {

/// A RoomBrowser and a way to wait for what it lists: every change wakes the waiter, as it wakes the window.
class WatchedBrowser {
public:
    WatchedBrowser() {
        const std::string why = m_browser.start([this] {
            std::lock_guard lock(m_mutex);
            ++m_changes;
            m_changed.notify_all();
        });
        REQUIRE(why.empty());
    }

    /// The room on port once pred holds for it, within `within` (nullopt if it does not).
    template <typename Pred>
    std::optional<net::RoomBrowser::Room> waitFor(std::uint16_t port, std::chrono::milliseconds within,
                                                  Pred pred) {
        const auto end = std::chrono::steady_clock::now() + within;
        std::unique_lock lock(m_mutex);
        for (;;) {
            for (const auto& room : m_browser.rooms())
                if (room.port == port && pred(room)) return room;
            if (m_changed.wait_until(lock, end) == std::cv_status::timeout) return std::nullopt;
        }
    }

    /// Whether nothing on port is listed any more, within `within`.
    bool goneWithin(std::uint16_t port, std::chrono::milliseconds within) {
        const auto end = std::chrono::steady_clock::now() + within;
        std::unique_lock lock(m_mutex);
        for (;;) {
            const auto rooms = m_browser.rooms();
            if (std::none_of(rooms.begin(), rooms.end(), [&](const auto& r) { return r.port == port; }))
                return true;
            if (m_changed.wait_until(lock, end) == std::cv_status::timeout) return false;
        }
    }

    const net::RoomBrowser& browser() const { return m_browser; }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::uint64_t m_changes = 0;
    net::RoomBrowser m_browser; // last: its thread stops before what it calls goes
};

} // namespace

TEST_CASE("browse: a room appears with its name, address, TLS, fingerprint and head-count, follows its "
          "head-count, and is forgotten when its server stops") {
    WatchedBrowser watch;
    support::ServerProcess server(
        support::ServerProcess::Options{.extraArgs = {"--bind", "0.0.0.0", "--room-name", "实验室 402"}});
    const auto room = watch.waitFor(server.port(), 2s, [](const auto&) { return true; });
    REQUIRE(room);
    CHECK(watch.browser().daemonRunning());
    CHECK(room->name == "实验室 402");
    CHECK(room->address == "10.77.0.1");
    CHECK(room->version == 2);
    CHECK(room->tls);
    CHECK(room->plaintextToo);
    CHECK(room->fingerprint.size() == 64);
    CHECK(server.stdoutSoFar().find(room->fingerprint.substr(0, 4)) != std::string::npos);
    CHECK(room->online == 0u);

    support::JoinedClient alice(server.port(), "alice");
    support::JoinedClient bob(server.port(), "bob");
    CHECK(watch.waitFor(server.port(), 5s, [](const auto& r) { return r.online == 2u; }));

    REQUIRE(server.terminate() == 0);
    CHECK(watch.goneWithin(server.port(), 5s));
}

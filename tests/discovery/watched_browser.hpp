#pragma once
// A net::RoomBrowser and a way to wait for what it lists: every change wakes the waiter, as it wakes the
// window. For the tests that run on the private LAN of in_private_lan.sh.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "net/room_browser.hpp"

namespace support {

class WatchedBrowser {
public:
    WatchedBrowser() {
        const std::string why = m_browser.start([this] {
            std::lock_guard lock(m_mutex);
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
    net::RoomBrowser m_browser; // last: its thread stops before what it calls goes
};

} // namespace support

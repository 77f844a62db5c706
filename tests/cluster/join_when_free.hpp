#pragma once
// A join that may be refused for a moment in a cluster room: the name's claim by a session that just left
// another node is released a few milliseconds later (and an account changed there is mirrored as late).
#include <chrono>
#include <optional>
#include <thread>

#include "support/joined_client.hpp"

namespace clustertest {

/// Joins 127.0.0.1:port with hello, trying again every 100 ms for up to 5 s while it is refused.
inline std::optional<support::JoinedClient> joinWhenFree(std::uint16_t port, const net::Hello& hello) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        try {
            return support::JoinedClient(port, hello);
        } catch (const std::exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    return std::nullopt;
}

} // namespace clustertest

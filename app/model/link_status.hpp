#pragma once
// The state of the link to the server, as the top bar shows it.
#include <cstdint>
#include <string>

namespace app {

enum class LinkState { NoName, Connecting, Joining, Online, Reconnecting, Offline };

/// What the connect bar shows.
struct LinkStatus {
    LinkState state = LinkState::Offline;
    std::string endpoint;
    std::string reason;
    std::int64_t retryAtMs = 0; // steady clock, for "reconnecting in Ns"
    unsigned attempt = 0;
};

} // namespace app

#pragma once
// The server's whole public record as a client can read it: HistoryPage after HistoryRequest, newest first,
// until no page says there is more.
#include <cstdint>
#include <map>

#include "support/test_client.hpp"

namespace reliability {

/// Every public message the server holds, by seq.
std::map<std::uint64_t, net::Chat> wholeHistory(support::TestClient& c);

} // namespace reliability

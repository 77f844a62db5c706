#include "history.hpp"

#include <stdexcept>

namespace reliability {

std::map<std::uint64_t, net::Chat> wholeHistory(support::TestClient& c) {
    std::map<std::uint64_t, net::Chat> all;
    std::uint64_t before = 0; // 0: from the newest
    for (bool more = true; more;) {
        c.send(net::HistoryRequest{before, net::kMaxHistoryPage});
        // Skips what the room says meanwhile (a Presence of the departures before this client came in).
        const auto page = c.waitFor<net::HistoryPage>(std::chrono::seconds(10));
        if (!page) throw std::runtime_error("no HistoryPage within 10 s");
        for (const auto& m : page->messages) all[m.seq] = m, before = m.seq;
        more = page->more && !page->messages.empty();
    }
    return all;
}

} // namespace reliability

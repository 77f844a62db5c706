#include "history.hpp"

namespace reliability {

std::map<std::uint64_t, net::Chat> wholeHistory(support::TestClient& c) {
    std::map<std::uint64_t, net::Chat> all;
    std::uint64_t before = 0; // 0: from the newest
    for (bool more = true; more;) {
        c.send(net::HistoryRequest{before, net::kMaxHistoryPage});
        const auto page = c.expect<net::HistoryPage>(std::chrono::seconds(10));
        for (const auto& m : page.messages) all[m.seq] = m, before = m.seq;
        more = page.more && !page.messages.empty();
    }
    return all;
}

} // namespace reliability

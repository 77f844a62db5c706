#include "server/login_guard.hpp"

#include <algorithm>

namespace server {

bool LoginGuard::has(Table& t, const std::string& k, Clock::time_point now) {
    const auto it = t.find(k);
    return it == t.end() || it->second.bucket.available(now) >= 1;
}

void LoginGuard::take(Table& t, const std::string& k, double rate, double burst, Clock::time_point now) {
    if (t.size() >= kMaxEntries && !t.count(k)) {
        const auto oldest = std::min_element(t.begin(), t.end(), [](const auto& a, const auto& b) {
            return a.second.lastFailure < b.second.lastFailure;
        });
        t.erase(oldest);
    }
    auto it = t.try_emplace(k, Entry{net::TokenBucket(rate, burst, now), now}).first;
    it->second.bucket.take(now);
    it->second.lastFailure = now;
}

bool LoginGuard::allowed(const std::string& ip, std::string_view key, Clock::time_point now) {
    return has(m_byAddress, ip, now) && has(m_byName, std::string(key), now);
}

void LoginGuard::failed(const std::string& ip, std::string_view key, Clock::time_point now) {
    take(m_byAddress, ip, kAddressPerSecond, kAddressBurst, now);
    take(m_byName, std::string(key), kNamePerSecond, kNameBurst, now);
}

} // namespace server

#pragma once
// Throttles failed logins, per address and per name: each has a bucket of failures (a burst, then one every
// few seconds). A login is checked only while both have one left, so a password guesser gets a handful of
// tries and then a guess every few seconds, whichever address it uses for one name and whichever names it
// tries from one address; nobody's password check waits in line behind its guesses.
//
// Single-threaded: used only from the io_context thread. Memory is bounded: the oldest entries go first.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "net/token_bucket.hpp"

namespace server {

class LoginGuard {
public:
    using Clock = std::chrono::steady_clock;

    /// Whether a login (or registration) from ip for the name key may be checked now.
    bool allowed(const std::string& ip, std::string_view key, Clock::time_point now);
    /// Counts a failed login against both.
    void failed(const std::string& ip, std::string_view key, Clock::time_point now);

    /// Failures allowed at once per address, then one each kAddressEvery.
    static constexpr double kAddressBurst = 10;
    static constexpr double kAddressPerSecond = 1.0 / 6;
    /// Failures allowed at once per name, then one each kNameEvery.
    static constexpr double kNameBurst = 20;
    static constexpr double kNamePerSecond = 1.0 / 3;
    /// Entries kept per kind; beyond, the least recently failed are forgotten.
    static constexpr std::size_t kMaxEntries = 4096;

private:
    struct Entry {
        net::TokenBucket bucket;
        Clock::time_point lastFailure;
    };
    using Table = std::unordered_map<std::string, Entry>;
    static bool has(Table& t, const std::string& k, Clock::time_point now);
    static void take(Table& t, const std::string& k, double rate, double burst, Clock::time_point now);

    Table m_byAddress, m_byName;
};

} // namespace server

#pragma once
// Realistic chat traffic for the client benchmarks, reproducible from a seed: a few hundred users with
// Chinese and Latin names and their IPs, and texts mixing Chinese and Latin words of very different
// lengths (a word, a sentence, a paragraph, now and then several lines, a link, a rare character or an
// emoji), one message every half a minute on average, so the day dividers of a year appear too.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "net/messages.hpp"

namespace cbench {

class MessageGen {
public:
    /// The same seed gives the same messages.
    explicit MessageGen(std::uint64_t seed = 1);
    /// The next public message (seq counts from 1).
    net::Chat next();
    /// A text alone, as a user would type it.
    std::string text();

private:
    struct User {
        std::string name;
        std::string ip;
    };
    std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng) < p; }
    void appendChinese(std::string& out, std::size_t words);
    void appendLatin(std::string& out, std::size_t words);
    void appendSentence(std::string& out, std::size_t words);

    std::mt19937_64 m_rng;
    std::vector<User> m_users;
    std::uint64_t m_seq = 0;
    std::uint64_t m_timeMs;
};

} // namespace cbench

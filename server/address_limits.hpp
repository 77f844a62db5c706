#pragma once
// Who may open a connection now, by address: the counts behind --max-clients and --max-per-ip, a connection
// rate per address and per subnet (IPv4 /24, IPv6 /64) so that joining and leaving in a loop cannot flood
// the room with notices and the log with lines, and the room's last slots kept for addresses that hold no
// connection yet, so that a few addresses holding all they may cannot lock newcomers out.
//
// Single-threaded: used only from the io_context thread.
#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

#include "net/messages.hpp"
#include "net/token_bucket.hpp"
#include "server/options.hpp"

namespace server {

class AddressLimits {
public:
    using Clock = std::chrono::steady_clock;

    explicit AddressLimits(const Options& options) : m_options(options) {}

    struct Verdict {
        net::ErrorCode refusal = net::ErrorCode::None;
        const char* why = ""; // the text of the refusal, for the peer and the log
    };
    /// Whether a connection from ip may be served, given the connections counted now (in all and from ip).
    /// An admitted one spends from its address's and subnet's rates.
    Verdict admit(const std::string& ip, std::size_t clients, std::size_t fromIp, Clock::time_point now);

    /// Slots of --max-clients that only an address holding no connection may take.
    std::size_t reserve() const;
    /// The subnet an address belongs to for the rate: its /24 (IPv4) or /64 (IPv6).
    static std::string subnetOf(const std::string& ip);

private:
    net::TokenBucket& bucket(std::unordered_map<std::string, net::TokenBucket>& map, const std::string& key,
                             double rate, double burst, Clock::time_point now);

    const Options& m_options;
    std::unordered_map<std::string, net::TokenBucket> m_byAddress, m_bySubnet;
};

} // namespace server

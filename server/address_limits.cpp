#include "server/address_limits.hpp"

#include <algorithm>
#include <iterator>

#include <asio/ip/address.hpp>

namespace server {

namespace {
// Buckets kept before the full ones (addresses not seen for a while, which a new bucket would equal) are
// dropped: a sweep of many addresses costs memory for as long as it matters, not for ever.
constexpr std::size_t kMaxTracked = 4096;
// A subnet may connect this many times faster than one address: a classroom behind one /24 reconnects at
// once after the Wi-Fi comes back (its burst is the whole room), then at ten times one address's rate.
constexpr double kSubnetFactor = 10;
} // namespace

std::size_t AddressLimits::reserve() const {
    return m_options.maxClients / 16; // 64 of 1024; none in a room of fewer than 16
}

std::string AddressLimits::subnetOf(const std::string& ip) {
    std::error_code ec;
    const auto address = asio::ip::make_address(ip, ec);
    if (ec) return ip;
    if (address.is_v4()) {
        const auto b = address.to_v4().to_bytes();
        return std::to_string(b[0]) + "." + std::to_string(b[1]) + "." + std::to_string(b[2]) + ".0/24";
    }
    auto b = address.to_v6().to_bytes();
    std::fill(b.begin() + 8, b.end(), 0);
    return asio::ip::address_v6(b).to_string() + "/64";
}

net::TokenBucket& AddressLimits::bucket(std::unordered_map<std::string, net::TokenBucket>& map,
                                        const std::string& key, double rate, double burst,
                                        Clock::time_point now) {
    if (map.size() >= kMaxTracked && !map.count(key)) {
        for (auto it = map.begin(); it != map.end();)
            it = it->second.available(now) >= static_cast<std::size_t>(burst) ? map.erase(it) : std::next(it);
    }
    return map.try_emplace(key, rate, burst, now).first->second;
}

AddressLimits::Verdict AddressLimits::admit(const std::string& ip, std::size_t clients, std::size_t fromIp,
                                            Clock::time_point now) {
    if (clients >= m_options.maxClients) return {net::ErrorCode::ServerFull, "server-full"};
    if (fromIp >= m_options.maxPerIp) return {net::ErrorCode::TooManyFromIp, "too-many-from-ip"};
    if (fromIp > 0 && m_options.maxClients - clients <= reserve())
        return {net::ErrorCode::TooManyFromIp,
                "too-many-from-ip: the last places in the room are kept for addresses not in it yet"};
    // Bursts: an address may open all it may hold at once; a subnet, the whole room.
    const double rate = m_options.connectsPerIp;
    auto& address = bucket(m_byAddress, ip, rate, std::max<double>(m_options.maxPerIp, 1), now);
    auto& subnet = bucket(m_bySubnet, subnetOf(ip), rate * kSubnetFactor,
                          std::max<double>(m_options.maxClients, 1), now);
    if (address.available(now) == 0 || subnet.available(now) == 0)
        return {net::ErrorCode::TooManyFromIp,
                "too-many-from-ip: too many connections from your address or network lately; try again in a "
                "few seconds"};
    address.spend(1);
    subnet.spend(1);
    return {};
}

} // namespace server

#pragma once
// Where a server is: "host:port" as a person types it (the window's server field, --server), or a list of
// them, "a:12000,b:12001,[::1]:12002", for the nodes of one room (docs/cluster.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace net {

struct Endpoint {
    std::string host;
    std::uint16_t port = 0;
    bool operator==(const Endpoint&) const = default;
};

/// Splits "host:port", "[v6]:port" or a bare host (then defaultPort); spaces around it are ignored.
/// nullopt when the host is empty or the port is not a number in 1..65535.
std::optional<Endpoint> parseEndpoint(std::string_view text, std::uint16_t defaultPort);

/// "host:port", with an IPv6 address in brackets ("[::1]:12000") so that the port stays readable.
std::string endpointText(const Endpoint& e);

/// A comma-separated list of servers, or why it was refused.
struct EndpointList {
    std::vector<Endpoint> endpoints; // in the order typed, each once; empty when refused
    std::string error;               // in English, naming the entry at fault; "" when the list is good
    std::string badEntry;            // that entry as typed, trimmed ("" when it is blank)
};

/// Splits "a:12000, b:12001,[::1]:12002" and parses each entry as parseEndpoint does. Refused: no entry
/// at all, a blank entry (two commas in a row, or one at an end) and an entry parseEndpoint refuses. A
/// server named twice is kept once, where it first appears.
EndpointList parseEndpointList(std::string_view text, std::uint16_t defaultPort);

/// The list as parseEndpointList reads it back: endpointText of each, joined by commas.
std::string endpointListText(const std::vector<Endpoint>& list);

} // namespace net

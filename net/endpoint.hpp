#pragma once
// Where a server is: "host:port" as a person types it (the window's server field, --server).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace net {

struct Endpoint {
    std::string host;
    std::uint16_t port = 0;
};

/// Splits "host:port", "[v6]:port" or a bare host (then defaultPort); spaces around it are ignored.
/// nullopt when the host is empty or the port is not a number in 1..65535.
std::optional<Endpoint> parseEndpoint(std::string_view text, std::uint16_t defaultPort);

} // namespace net

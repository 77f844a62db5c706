#include "net/endpoint.hpp"

#include <charconv>

namespace net {

std::optional<Endpoint> parseEndpoint(std::string_view text, std::uint16_t defaultPort) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return std::nullopt;
    const std::string_view t = text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
    const auto colon = t.rfind(':');
    // "[::1]:12000" keeps its brackets off the host; a bare IPv6 address has more than one colon.
    const bool hasPort = colon != std::string_view::npos && t.find(':') == colon;
    const auto close = t.starts_with('[') ? t.find("]:") : std::string_view::npos;
    Endpoint e;
    std::string_view portText;
    if (close != std::string_view::npos) {
        e.host = t.substr(1, close - 1);
        portText = t.substr(close + 2);
    } else if (hasPort) {
        e.host = t.substr(0, colon);
        portText = t.substr(colon + 1);
    } else {
        e.host = t;
    }
    if (e.host.empty()) return std::nullopt;
    if (portText.empty()) {
        if (hasPort || close != std::string_view::npos) return std::nullopt; // "host:" names no port
        e.port = defaultPort;
        return e;
    }
    unsigned value = 0;
    const auto [end, err] = std::from_chars(portText.data(), portText.data() + portText.size(), value);
    if (err != std::errc() || end != portText.data() + portText.size() || value == 0 || value > 65535)
        return std::nullopt;
    e.port = static_cast<std::uint16_t>(value);
    return e;
}

} // namespace net

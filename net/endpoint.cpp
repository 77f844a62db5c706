#include "net/endpoint.hpp"

#include <algorithm>
#include <charconv>

namespace net {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

} // namespace

std::optional<Endpoint> parseEndpoint(std::string_view text, std::uint16_t defaultPort) {
    const std::string_view t = trim(text);
    if (t.empty()) return std::nullopt;
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

std::string endpointText(const Endpoint& e) {
    const std::string port = std::to_string(e.port);
    if (e.host.find(':') != std::string::npos) return "[" + e.host + "]:" + port;
    return e.host + ":" + port;
}

EndpointList parseEndpointList(std::string_view text, std::uint16_t defaultPort) {
    EndpointList out;
    const bool several = text.find(',') != std::string_view::npos;
    std::vector<Endpoint> found;
    for (std::size_t start = 0, number = 1; start <= text.size(); ++number) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view entry = trim(text.substr(start, comma - start));
        start = comma + 1;
        if (const auto e = parseEndpoint(entry, defaultPort)) {
            if (std::find(found.begin(), found.end(), *e) == found.end()) found.push_back(*e);
            continue;
        }
        // Built by appending: GCC 12 at -O3 takes "entry " + std::to_string(n) for an overlapping memcpy.
        std::string which = "entry ";
        which += std::to_string(number);
        which += " of the server list";
        out.badEntry = entry;
        if (entry.empty())
            out.error = several ? which + " is empty (two commas in a row, or one at an end)"
                                : "no server given (use host:port, or several: host:port,host:port)";
        else
            out.error = (several ? which + ", \"" + out.badEntry + "\"," : "\"" + out.badEntry + "\"") +
                        " is not host:port (a host name or address, and a port from 1 to 65535)";
        return out;
    }
    out.endpoints = std::move(found);
    return out;
}

std::string endpointListText(const std::vector<Endpoint>& list) {
    std::string text;
    for (const Endpoint& e : list) {
        if (!text.empty()) text += ',';
        text += endpointText(e);
    }
    return text;
}

} // namespace net

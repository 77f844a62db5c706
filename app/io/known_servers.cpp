#include "app/io/known_servers.hpp"

#include <algorithm>
#include <vector>

#include "app/io/private_file.hpp"
#include "net/fingerprint.hpp"

namespace app {
namespace {

/// Splits a line into its endpoint and the rest; nothing for comments and blank lines.
std::optional<std::pair<std::string, std::string>> entry(const std::string& line) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') return std::nullopt;
    const auto end = line.find_first_of(" \t", start);
    if (end == std::string::npos) return std::nullopt;
    return std::make_pair(line.substr(start, end - start), line.substr(end + 1));
}

} // namespace

std::filesystem::path KnownServers::defaultPath() { return configFile("known_servers"); }

std::string KnownServers::key(const net::Endpoint& server) {
    return server.host + ":" + std::to_string(server.port);
}

std::optional<std::string> KnownServers::find(const std::string& endpoint) const {
    for (const std::string& line : readLines(m_path)) {
        const auto e = entry(line);
        if (e && e->first == endpoint) return net::parseFingerprint(e->second);
    }
    return std::nullopt;
}

std::optional<std::string> KnownServers::find(const std::vector<net::Endpoint>& list) const {
    for (const net::Endpoint& server : list)
        if (auto fingerprint = find(key(server))) return fingerprint;
    return std::nullopt;
}

bool KnownServers::trust(const std::string& endpoint, const std::string& fingerprint) const {
    return rewrite({endpoint}, fingerprint);
}

bool KnownServers::trust(const std::vector<net::Endpoint>& list, const std::string& fingerprint) const {
    std::vector<std::string> endpoints;
    for (const net::Endpoint& server : list) endpoints.push_back(key(server));
    return rewrite(endpoints, fingerprint);
}

bool KnownServers::rewrite(const std::vector<std::string>& endpoints, const std::string& fingerprint) const {
    std::vector<std::string> lines;
    for (std::string& line : readLines(m_path)) {
        const auto e = entry(line);
        if (!e || std::find(endpoints.begin(), endpoints.end(), e->first) == endpoints.end())
            lines.push_back(std::move(line));
    }
    if (lines.empty()) {
        lines.push_back(
            "# imchat: the servers whose keys you trusted, one per line (host:port, then the key's");
        lines.push_back("# SHA-256 fingerprint). Delete a line to be asked again about that server.");
    }
    for (const std::string& endpoint : endpoints)
        lines.push_back(endpoint + " " + net::displayFingerprint(fingerprint));
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    return writePrivateFile(m_path, text);
}

} // namespace app

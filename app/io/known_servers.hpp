#pragma once
// The servers whose keys the user trusted, as SSH's known_hosts: $XDG_CONFIG_HOME/imchat/known_servers (else
// ~/.config/imchat/known_servers), one line per server, a format a person can read and edit:
//   # comment
//   192.168.1.20:12000 SHA256 3f2a91c0...   (64 hex digits; spaces and colons inside are ignored)
// Deleting a line makes the window ask about that server again. Written whole through a temporary file, 0600.
//
// A list of servers (the nodes of one cluster room, which share one key) is trusted with one line per server,
// not one line for the list: the file stays one server a line as people read it, and the key is found
// again whichever node the window fails over to, whatever list (or single server) names it later.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "net/endpoint.hpp"

namespace app {

class KnownServers {
public:
    explicit KnownServers(std::filesystem::path path) : m_path(std::move(path)) {}

    /// The file, from the environment.
    static std::filesystem::path defaultPath();
    /// How a server is named in the file (and in device_tokens): "host:port", an IPv6 host without brackets
    /// as it was always written.
    static std::string key(const net::Endpoint& server);

    /// The fingerprint trusted for endpoint ("host:port"), 64 lowercase hex digits.
    std::optional<std::string> find(const std::string& endpoint) const;
    /// The fingerprint trusted for the first server of list that has one (a room has one key).
    std::optional<std::string> find(const std::vector<net::Endpoint>& list) const;
    /// Trusts fingerprint for endpoint (replacing what was trusted before); false when the file cannot be
    /// written.
    bool trust(const std::string& endpoint, const std::string& fingerprint) const;
    /// Trusts fingerprint for every server of list, in one write.
    bool trust(const std::vector<net::Endpoint>& list, const std::string& fingerprint) const;
    const std::filesystem::path& path() const { return m_path; }

private:
    bool rewrite(const std::vector<std::string>& endpoints, const std::string& fingerprint) const;

    std::filesystem::path m_path;
};

} // namespace app

#pragma once
// The servers whose keys the user trusted, as SSH's known_hosts: $XDG_CONFIG_HOME/imchat/known_servers (else
// ~/.config/imchat/known_servers), one line per server, a format a person can read and edit:
//   # comment
//   192.168.1.20:12000 SHA256 3f2a91c0...   (64 hex digits; spaces and colons inside are ignored)
// Deleting a line makes the window ask about that server again. Written whole through a temporary file, 0600.
#include <filesystem>
#include <optional>
#include <string>

namespace app {

class KnownServers {
public:
    explicit KnownServers(std::filesystem::path path) : m_path(std::move(path)) {}

    /// The file, from the environment.
    static std::filesystem::path defaultPath();

    /// The fingerprint trusted for endpoint ("host:port"), 64 lowercase hex digits.
    std::optional<std::string> find(const std::string& endpoint) const;
    /// Trusts fingerprint for endpoint (replacing what was trusted before); false when the file cannot be
    /// written.
    bool trust(const std::string& endpoint, const std::string& fingerprint) const;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace app

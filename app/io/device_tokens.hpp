#pragma once
// "Remember me": the device tokens servers gave this computer, never a password, in
// $XDG_CONFIG_HOME/imchat/device_tokens (0600), one line per server and name: "host:port<TAB>name<TAB>token".
#include <filesystem>
#include <optional>
#include <string>

namespace app {

class DeviceTokens {
public:
    explicit DeviceTokens(std::filesystem::path path) : m_path(std::move(path)) {}
    static std::filesystem::path defaultPath();

    /// The token kept for name on endpoint (names compared as the server does, look-alikes alike).
    std::optional<std::string> find(const std::string& endpoint, const std::string& name) const;
    /// Keeps token for name on endpoint, replacing an older one; false when the file cannot be written.
    bool keep(const std::string& endpoint, const std::string& name, const std::string& token) const;
    /// Forgets the token of name on endpoint (refused by the server, or the user unticked "remember me").
    bool forget(const std::string& endpoint, const std::string& name) const;

private:
    bool rewrite(const std::string& endpoint, const std::string& name, const std::string* token) const;

    std::filesystem::path m_path;
};

} // namespace app

#include "app/io/device_tokens.hpp"

#include <vector>

#include "app/io/private_file.hpp"
#include "net/validation.hpp"

namespace app {
namespace {

struct Line {
    std::string endpoint, name, token;
};

std::optional<Line> parse(const std::string& text) {
    const auto a = text.find('\t');
    const auto b = a == std::string::npos ? a : text.find('\t', a + 1);
    if (b == std::string::npos) return std::nullopt;
    return Line{text.substr(0, a), text.substr(a + 1, b - a - 1), text.substr(b + 1)};
}

bool same(const Line& l, const std::string& endpoint, const std::string& name) {
    return l.endpoint == endpoint && net::nameKey(l.name) == net::nameKey(name);
}

} // namespace

std::filesystem::path DeviceTokens::defaultPath() { return configFile("device_tokens"); }

std::optional<std::string> DeviceTokens::find(const std::string& endpoint, const std::string& name) const {
    for (const std::string& text : readLines(m_path)) {
        const auto l = parse(text);
        if (l && same(*l, endpoint, name) && !l->token.empty()) return l->token;
    }
    return std::nullopt;
}

bool DeviceTokens::rewrite(const std::string& endpoint, const std::string& name,
                           const std::string* token) const {
    std::string out;
    for (const std::string& text : readLines(m_path)) {
        const auto l = parse(text);
        if (l && !same(*l, endpoint, name)) out += text + "\n";
    }
    if (token) out += endpoint + "\t" + name + "\t" + *token + "\n";
    return writePrivateFile(m_path, out);
}

bool DeviceTokens::keep(const std::string& endpoint, const std::string& name,
                        const std::string& token) const {
    return rewrite(endpoint, name, &token);
}

bool DeviceTokens::forget(const std::string& endpoint, const std::string& name) const {
    return rewrite(endpoint, name, nullptr);
}

} // namespace app

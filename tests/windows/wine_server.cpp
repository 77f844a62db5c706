#include "wine_server.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace std::chrono_literals;

namespace wintest {

WineServer::WineServer(const WinePrefix& wine, const std::filesystem::path& exe,
                       const std::filesystem::path& data, std::uint16_t port) {
    // As support::ServerProcess starts the Linux server: every connection announced at once, and no
    // limit on connections from 127.0.0.1.
    m_process = std::make_unique<support::ChildProcess>(
        wine.command({exe.string(), "--bind", "127.0.0.1", "--port", std::to_string(port), "--data",
                      wine.windowsPath(data), "--allow-plaintext", "--presence-grace-ms", "0",
                      "--connects-per-ip", "1000000"}));
    const auto& lines = m_process->capturedOut();
    // Wine starts in 2-7 s, more while its wineserver and services start again.
    const auto listening =
        lines.waitLine([](const std::string& l) { return l.starts_with("listening on 127.0.0.1:"); }, 60s);
    REQUIRE_MESSAGE(listening.has_value(),
                    "imchat-server.exe did not listen within a minute: " << out() << err());
    const std::string line = lines.line(*listening);
    m_port = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
    const auto key =
        lines.waitLine([](const std::string& l) { return l.starts_with("tls key SHA256 "); }, 10s);
    REQUIRE_MESSAGE(key.has_value(), "imchat-server.exe printed no key fingerprint: " << out());
    const std::string tls = lines.line(*key);
    for (std::size_t i = std::string("tls key SHA256 ").size(); i < tls.size() && tls[i] != '('; ++i) {
        if (tls[i] != ' ') m_fingerprint += tls[i];
    }
    REQUIRE_MESSAGE(m_fingerprint.size() == 64, "unexpected key line: " << tls);
}

WineServer::~WineServer() { stop(10s); }

int WineServer::stop(std::chrono::milliseconds timeout) {
    if (m_process->exitCode()) return *m_process->exitCode();
    m_process->signal(SIGINT);
    if (const auto code = m_process->waitExit(timeout)) return *code;
    m_process->stop(0ms);
    return -1;
}

} // namespace wintest

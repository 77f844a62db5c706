#include "server_process.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace support {

namespace {

using namespace std::chrono_literals;

void removeDir(const std::string& dir) {
    std::error_code ignored;
    if (!dir.empty()) std::filesystem::remove_all(dir, ignored);
}

} // namespace

const char* ServerProcess::binaryPath() { return IMCHAT_SERVER_PATH; }

ServerProcess::ServerProcess() : ServerProcess(Options{}) {}

ServerProcess::ServerProcess(std::vector<std::string> extraArgs)
    : ServerProcess(Options{0, {}, std::move(extraArgs)}) {}

ServerProcess::ServerProcess(Options options) : m_options(std::move(options)) {
    if (m_options.dataPath.empty()) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "imchat-test-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        m_tempDir = tmpl;
        m_dataPath = m_tempDir + "/server.db";
    } else {
        m_dataPath = m_options.dataPath;
    }
    try {
        start(m_options.fixedPort);
    } catch (...) {
        removeDir(m_tempDir); // a throwing constructor runs no destructor
        throw;
    }
}

ServerProcess::~ServerProcess() {
    if (pid() > 0) {
        const int code = m_child->stop();
        // A destructor cannot fail the test, but a server that did not stop cleanly (or a sanitizer report)
        // must not go unseen.
        const std::string err = stderrSoFar();
        if (code != 0 || err.find("Sanitizer") != std::string::npos ||
            err.find("runtime error") != std::string::npos)
            std::fprintf(stderr, "imchat-server stopped by SIGTERM exited with %d; its stderr:\n%s\n", code,
                         err.c_str());
    }
    m_child.reset();
    removeDir(m_tempDir);
}

void ServerProcess::start(std::uint16_t port) {
    std::vector<std::string> args = {"--bind", "127.0.0.1", "--port", std::to_string(port),
                                     "--data", m_dataPath};
    if (m_options.plaintext) args.push_back("--allow-plaintext");
    args.insert(args.end(), {"--presence-grace-ms", std::to_string(m_options.presenceGraceMs)});
    args.insert(args.end(), {"--connects-per-ip", std::to_string(m_options.connectsPerIp)});
    args.insert(args.end(), m_options.extraArgs.begin(), m_options.extraArgs.end());
    const std::string binary = m_options.binary.empty() ? binaryPath() : m_options.binary;
    m_child = std::make_unique<ChildProcess>(Command{binary, std::move(args)});
    const auto first = m_child->capturedOut().waitLine([](const std::string&) { return true; }, 10s);
    if (!first) {
        // No line: its stdout ended (it is exiting) or 10 s passed; either way it is stopped here.
        const bool ended = m_child->capturedOut().closed() && m_child->waitExit(5s).has_value();
        const int code = m_child->stop(0ms);
        throw std::runtime_error(ended ? "imchat-server exited with code " + std::to_string(code) +
                                             " before listening: " + stderrSoFar()
                                       : "imchat-server did not print 'listening on' within 10 s");
    }
    const std::string line = m_child->capturedOut().line(*first);
    const auto colon = line.rfind(':');
    if (line.rfind("listening on ", 0) != 0 || colon == std::string::npos) {
        m_child->stop(0ms);
        throw std::runtime_error("imchat-server printed an unexpected first line: " + line);
    }
    m_port = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
}

std::string ServerProcess::fingerprint() const {
    // The second line: "tls key SHA256 xxxx xxxx ... (path)"; the digits without spaces.
    const auto index = m_child->capturedOut().waitLine(
        [](const std::string& l) { return l.rfind("tls key SHA256 ", 0) == 0; }, 10s);
    if (!index) throw std::runtime_error("imchat-server printed no 'tls key' line: " + stdoutSoFar());
    const std::string line = m_child->capturedOut().line(*index);
    std::string hex;
    for (std::size_t i = std::string("tls key SHA256 ").size(); i < line.size() && line[i] != '('; ++i)
        if (line[i] != ' ') hex += line[i];
    return hex;
}

pid_t ServerProcess::pid() const { return m_child && !m_child->exitCode() ? m_child->pid() : 0; }

bool ServerProcess::exited() { return m_child->waitExit(0ms).has_value(); }

void ServerProcess::kill9() {
    if (m_child->signal(SIGKILL)) m_child->waitExit(10s);
}

int ServerProcess::terminate() {
    if (pid() == 0) return exitCode();
    m_child->signal(SIGTERM);
    if (const auto code = m_child->waitExit(5s)) return *code;
    m_child->stop(0ms); // SIGKILL at once
    return -1;
}

void ServerProcess::restart(bool samePort) {
    const std::uint16_t previous = m_port;
    if (pid() > 0) terminate();
    start(m_options.fixedPort != 0 ? m_options.fixedPort : samePort ? previous : 0);
}

RunResult ServerProcess::run(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    return runToEnd({binaryPath(), args}, timeout);
}

} // namespace support

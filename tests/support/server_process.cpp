#include "server_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace support {

namespace {

using namespace std::chrono_literals;

struct Child {
    pid_t pid = 0;
    int out = -1, err = -1; // read ends of the child's stdout and stderr
};

Child spawn(const std::vector<std::string>& args) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    if (pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    // argv is built before fork: between fork and exec only async-signal-safe calls are allowed.
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(ServerProcess::binaryPath()));
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive a crashed test
        if (getppid() != parent) _exit(127);
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    return {pid, out[0], err[0]};
}

// Reads both pipes until both reach EOF or until stop() says so; appends through sink.
void drain(Child c, const std::function<void(bool isErr, const char*, std::size_t)>& sink,
           const std::function<bool()>& stop) {
    pollfd fds[2] = {{c.out, POLLIN, 0}, {c.err, POLLIN, 0}};
    int open = 2;
    char buf[4096];
    while (open > 0 && !stop()) {
        if (poll(fds, 2, 50) < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sink(i == 1, buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) close(f.fd);
}

int decodeStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

} // namespace

const char* ServerProcess::binaryPath() {
    return IMCHAT_SERVER_PATH;
}

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
        std::error_code ignored;
        if (!m_tempDir.empty()) std::filesystem::remove_all(m_tempDir, ignored);
        throw;
    }
}

ServerProcess::~ServerProcess() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        if (waitFor(3s) == -2) {
            ::kill(m_pid, SIGKILL);
            waitFor(5s);
        }
        // A destructor cannot fail the test, but a server that did not stop cleanly (or a sanitizer report)
        // must not go unseen.
        const std::string err = stderrSoFar();
        if (m_exitCode != 0 || err.find("Sanitizer") != std::string::npos ||
            err.find("runtime error") != std::string::npos)
            std::fprintf(stderr, "imchat-server stopped by SIGTERM exited with %d; its stderr:\n%s\n",
                         m_exitCode, err.c_str());
    }
    joinReader();
    if (!m_tempDir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_tempDir, ignored);
    }
}

void ServerProcess::start(std::uint16_t port) {
    joinReader();
    {
        std::lock_guard lock(m_mutex);
        m_out.clear();
        m_err.clear();
    }
    std::vector<std::string> args = {"--bind", "127.0.0.1", "--port", std::to_string(port),
                                     "--data", m_dataPath};
    args.insert(args.end(), m_options.extraArgs.begin(), m_options.extraArgs.end());
    const Child child = spawn(args);
    m_pid = child.pid;
    m_exitCode = -1;
    m_reader = std::thread([this, child] {
        drain(
            child,
            [this](bool isErr, const char* p, std::size_t n) {
                std::lock_guard lock(m_mutex);
                (isErr ? m_err : m_out).append(p, n);
            },
            [] { return false; });
    });
    // Failing leaves nothing behind: a throwing constructor runs no destructor, and a joinable thread
    // member would terminate the test program.
    auto fail = [this](const std::string& why) {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            waitFor(5s);
        }
        joinReader();
        return std::runtime_error(why);
    };
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string out = stdoutSoFar();
        if (const auto nl = out.find('\n'); nl != std::string::npos) {
            const std::string line = out.substr(0, nl);
            const auto colon = line.rfind(':');
            if (line.rfind("listening on ", 0) != 0 || colon == std::string::npos)
                throw fail("imchat-server printed an unexpected first line: " + line);
            m_port = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
            return;
        }
        if (exited())
            throw fail("imchat-server exited with code " + std::to_string(m_exitCode) +
                       " before listening: " + stderrSoFar());
        std::this_thread::sleep_for(5ms);
    }
    throw fail("imchat-server did not print 'listening on' within 10 s");
}

std::string ServerProcess::stdoutSoFar() const {
    std::lock_guard lock(m_mutex);
    return m_out;
}

std::string ServerProcess::stderrSoFar() const {
    std::lock_guard lock(m_mutex);
    return m_err;
}

int ServerProcess::waitFor(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_pid > 0) {
        int status = 0;
        const pid_t r = waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid || (r < 0 && errno == ECHILD)) {
            m_exitCode = r == m_pid ? decodeStatus(status) : -1;
            m_pid = 0;
            joinReader();
            return m_exitCode;
        }
        if (std::chrono::steady_clock::now() >= deadline) return -2;
        std::this_thread::sleep_for(2ms);
    }
    return m_exitCode;
}

void ServerProcess::joinReader() {
    if (m_reader.joinable()) m_reader.join(); // ends at EOF, i.e. once the child is gone
}

bool ServerProcess::exited() {
    return m_pid == 0 || waitFor(0ms) != -2;
}

void ServerProcess::kill9() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    waitFor(10s);
}

int ServerProcess::terminate() {
    if (m_pid <= 0) return m_exitCode;
    ::kill(m_pid, SIGTERM);
    if (waitFor(5s) == -2) {
        ::kill(m_pid, SIGKILL);
        waitFor(5s);
        m_exitCode = -1;
    }
    return m_exitCode;
}

void ServerProcess::restart(bool samePort) {
    const std::uint16_t previous = m_port;
    if (m_pid > 0) terminate();
    start(m_options.fixedPort != 0 ? m_options.fixedPort : samePort ? previous : 0);
}

ServerProcess::Result ServerProcess::run(const std::vector<std::string>& args,
                                         std::chrono::milliseconds timeout) {
    Result result;
    const Child child = spawn(args);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    drain(
        child,
        [&](bool isErr, const char* p, std::size_t n) { (isErr ? result.err : result.out).append(p, n); },
        [&] { return std::chrono::steady_clock::now() >= deadline; });
    int status = 0;
    while (waitpid(child.pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(child.pid, SIGKILL);
            waitpid(child.pid, &status, 0);
            return result; // exitCode stays -1
        }
        std::this_thread::sleep_for(2ms);
    }
    result.exitCode = decodeStatus(status);
    return result;
}

} // namespace support

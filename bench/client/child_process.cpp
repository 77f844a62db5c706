#include "bench/client/child_process.hpp"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/client/self_usage.hpp"

extern char** environ;

namespace cbench {
namespace {

std::vector<std::string> mergedEnvironment(const std::vector<std::string>& extra) {
    std::map<std::string, std::string> vars;
    for (char** e = environ; *e; ++e) {
        const std::string kv(*e);
        vars[kv.substr(0, kv.find('='))] = kv;
    }
    for (const std::string& kv : extra)
        vars[kv.substr(0, kv.find('='))] = kv;
    std::vector<std::string> out;
    for (auto& [key, kv] : vars)
        out.push_back(std::move(kv));
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

} // namespace

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::vector<std::string>& env) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
    std::vector<std::string> argv{program};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> envp = mergedEnvironment(env);
    std::vector<char*> argvp = pointers(argv);
    std::vector<char*> envpp = pointers(envp);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    m_startedAtMs = monotonicMs();
    const int rc = posix_spawn(&m_pid, program.c_str(), &actions, nullptr, argvp.data(), envpp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        throw std::runtime_error("cannot start " + program + ": " + std::strerror(rc));
    }
    m_reader = std::thread([this, fd = fds[0]] { readLoop(fd); });
}

ChildProcess::~ChildProcess() {
    stop();
    if (m_reader.joinable()) m_reader.join();
}

void ChildProcess::readLoop(int fd) {
    std::string pending;
    char buf[4096];
    for (;;) {
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pending.append(buf, static_cast<std::size_t>(n));
        std::size_t start = 0;
        std::lock_guard lock(m_mutex);
        for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
            m_lines.push_back(pending.substr(start, nl - start));
        pending.erase(0, start);
        m_changed.notify_all();
    }
    close(fd);
    std::lock_guard lock(m_mutex);
    if (!pending.empty()) m_lines.push_back(pending);
    m_eof = true;
    m_changed.notify_all();
}

std::optional<std::size_t> ChildProcess::waitLine(const std::function<bool(const std::string&)>& match,
                                                  std::chrono::milliseconds timeout, std::size_t from) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_mutex);
    for (std::size_t i = from;;) {
        for (; i < m_lines.size(); ++i) {
            if (match(m_lines[i])) return i;
        }
        if (m_eof) return std::nullopt;
        if (m_changed.wait_until(lock, deadline) == std::cv_status::timeout && i == m_lines.size())
            return std::nullopt;
    }
}

std::string ChildProcess::line(std::size_t i) const {
    std::lock_guard lock(m_mutex);
    return i < m_lines.size() ? m_lines[i] : std::string();
}

std::size_t ChildProcess::lineCount() const {
    std::lock_guard lock(m_mutex);
    return m_lines.size();
}

std::string ChildProcess::output() const {
    std::lock_guard lock(m_mutex);
    std::string out;
    for (const std::string& l : m_lines)
        out += l + "\n";
    return out;
}

int ChildProcess::stop() {
    if (m_pid <= 0) return m_code;
    kill(m_pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300; ++i) { // 3 s
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = 0;
            m_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return m_code;
        }
        usleep(10'000);
    }
    kill(m_pid, SIGKILL);
    waitpid(m_pid, &status, 0);
    m_pid = 0;
    m_code = 128 + SIGKILL;
    return m_code;
}

} // namespace cbench

#include "window_process.hpp"

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace apptest {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> mergedEnvironment(const std::vector<std::string>& overrides) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        const std::string key = entry.substr(0, entry.find('=') + 1);
        bool replaced = false;
        for (const std::string& o : overrides) replaced |= o.starts_with(key);
        if (!replaced) env.push_back(entry);
    }
    env.insert(env.end(), overrides.begin(), overrides.end());
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> p;
    for (std::string& s : strings) p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

/// Polls waitpid until the child exits or the deadline passes.
bool reap(pid_t pid, std::chrono::milliseconds timeout, int& code) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return true;
        }
        if (r < 0 || std::chrono::steady_clock::now() >= deadline) return r < 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

pid_t spawn(const std::string& program, std::vector<std::string> argv, std::vector<std::string> env,
            const std::string& outPath, const std::string& errPath) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    argv.insert(argv.begin(), program);
    std::vector<char*> args = pointers(argv);
    std::vector<char*> envp = pointers(env);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + program);
    return pid;
}

} // namespace

WindowProcess::WindowProcess(const std::string& program, const std::vector<std::string>& args,
                             const std::vector<std::string>& env, std::string outPath, std::string errPath)
    : m_outPath(std::move(outPath)), m_errPath(std::move(errPath)) {
    m_pid = spawn(program, args, mergedEnvironment(env), m_outPath, m_errPath);
}

WindowProcess::~WindowProcess() {
    if (m_reaped) return;
    kill(m_pid, SIGTERM);
    if (!reap(m_pid, std::chrono::seconds(2), m_code)) {
        kill(m_pid, SIGKILL);
        reap(m_pid, std::chrono::seconds(2), m_code);
    }
}

int WindowProcess::waitExit(std::chrono::milliseconds timeout) {
    if (!m_reaped) m_reaped = reap(m_pid, timeout, m_code);
    return m_reaped ? m_code : -1;
}

std::string WindowProcess::out() const { return slurp(m_outPath); }
std::string WindowProcess::err() const { return slurp(m_errPath); }

std::pair<int, std::string> runCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    char outTemplate[] = "/tmp/imchat-cmd-XXXXXX";
    const int fd = mkstemp(outTemplate);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    close(fd);
    int code = -1;
    {
        WindowProcess p(argv.at(0), std::vector<std::string>(argv.begin() + 1, argv.end()), {}, outTemplate,
                        "/dev/null");
        code = p.waitExit(timeout);
    }
    std::string out = slurp(outTemplate);
    unlink(outTemplate);
    return {code, out};
}

} // namespace apptest

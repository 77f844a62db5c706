#include "app_process.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace reliability {

namespace {

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

AppProcess::AppProcess(const std::vector<std::string>& args, const std::vector<std::string>& env,
                       const std::filesystem::path& dir, const std::string& tag)
    : m_out(dir / (tag + ".out")), m_err(dir / (tag + ".err")) {
    // Everything exec needs is built before fork: only async-signal-safe calls may run in the child.
    std::vector<std::string> argStrings{IMCHAT_APP_PATH};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argStrings) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envStrings = env; // overrides first: the first of two equal keys wins
    for (char** e = environ; *e; ++e) envStrings.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : envStrings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int out = ::open(m_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int err = ::open(m_err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0 || err < 0) throw std::runtime_error("cannot create the output files in " + dir.string());
    const pid_t parent = ::getpid();
    m_pid = ::fork();
    if (m_pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive a crashed test
        if (::getppid() != parent) ::_exit(127);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        ::close_range(3, ~0u, 0); // the test's sockets (a fake server's listener) must not live on in the window
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out);
    ::close(err);
    if (m_pid < 0) throw std::runtime_error("fork failed");
}

AppProcess::~AppProcess() {
    if (terminate(std::chrono::seconds(3)) == -1) {
        ::kill(m_pid, SIGKILL);
        reap(std::chrono::seconds(3));
    }
}

bool AppProcess::reap(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!m_exited) {
        int status = 0;
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_exited = true;
            m_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        } else if (r < 0 || std::chrono::steady_clock::now() >= deadline) {
            break;
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    return m_exited;
}

bool AppProcess::alive() {
    return !reap(std::chrono::milliseconds(0));
}

int AppProcess::terminate(std::chrono::milliseconds timeout) {
    if (!m_exited) ::kill(m_pid, SIGTERM);
    return reap(timeout) ? m_code : -1;
}

std::string AppProcess::out() const { return slurp(m_out); }
std::string AppProcess::err() const { return slurp(m_err); }

std::string commandOutput(const std::string& command) {
    std::string out;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        char buf[512];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

} // namespace reliability

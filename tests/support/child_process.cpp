#include "child_process.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/read_file.hpp"

extern char** environ;

namespace support {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// How long the reader keeps draining a pipe once the child is gone (a grandchild may still hold it open).
constexpr auto kReadAfterExit = 2s;
// How long a SIGKILLed child may take to be reaped.
constexpr auto kReapAfterKill = 5s;

/// This process's environment, with each "K=V" of overrides replacing the entry for K.
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

/// program itself when it names a path; else the first executable of that name in PATH ("" when none).
std::string resolve(const std::string& program) {
    if (program.find('/') != std::string::npos) return program;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t at = 0; at <= dirs.size();) {
        const std::size_t end = std::min(dirs.find(':', at), dirs.size());
        const std::string candidate = (end > at ? dirs.substr(at, end - at) : ".") + "/" + program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        at = end + 1;
    }
    return {};
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> p;
    for (std::string& s : strings) p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

/// A descriptor closed when it goes out of scope.
struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int f) : fd(f) {}
    Fd(Fd&& o) noexcept : fd(std::exchange(o.fd, -1)) {}
    Fd& operator=(Fd&& o) noexcept {
        std::swap(fd, o.fd);
        return *this;
    }
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    int release() { return std::exchange(fd, -1); }
};

Fd openOrThrow(const std::filesystem::path& path, int flags) {
    Fd f(::open(path.c_str(), flags | O_CLOEXEC, 0644));
    if (f.fd < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
    return f;
}

/// {read end, write end}, both close-on-exec.
std::pair<Fd, Fd> makePipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    return {Fd(fds[0]), Fd(fds[1])};
}

int decodeStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

/// In the child, between fork and exec: only async-signal-safe calls. Makes fd the descriptor target.
void redirect(int fd, int target) {
    if (fd == target) ::fcntl(fd, F_SETFD, 0); // dup2 onto itself would keep close-on-exec
    else ::dup2(fd, target);
}

} // namespace

ChildProcess::ChildProcess(const Command& command) : m_outFile(command.outFile), m_errFile(command.errFile) {
    // Everything exec needs is built before fork: the test has other threads, so the child may only make
    // async-signal-safe calls.
    const std::string path = resolve(command.program);
    if (path.empty()) throw std::runtime_error("cannot start " + command.program + ": not found in PATH");
    std::vector<std::string> argStrings{command.program};
    argStrings.insert(argStrings.end(), command.args.begin(), command.args.end());
    std::vector<std::string> envStrings = mergedEnvironment(command.env);
    const std::vector<char*> argv = pointers(argStrings);
    const std::vector<char*> envp = pointers(envStrings);

    const Fd in =
        openOrThrow(command.inFile.empty() ? std::filesystem::path("/dev/null") : command.inFile, O_RDONLY);
    Fd outRead, outWrite, errRead, errWrite;
    if (m_outFile.empty()) {
        std::tie(outRead, outWrite) = makePipe();
        m_out = std::make_unique<CapturedOutput>();
    } else {
        outWrite = openOrThrow(m_outFile, O_WRONLY | O_CREAT | O_TRUNC);
    }
    if (!command.errToOut && m_errFile.empty()) {
        std::tie(errRead, errWrite) = makePipe();
        m_err = std::make_unique<CapturedOutput>();
    } else if (!command.errToOut) {
        errWrite = openOrThrow(m_errFile, O_WRONLY | O_CREAT | O_TRUNC);
    }
    const int errTarget = command.errToOut ? outWrite.fd : errWrite.fd;
    auto [execFailed, execFailedWrite] = makePipe(); // carries exec's errno; closed unread when exec succeeds

    const pid_t parent = ::getpid();
    m_pid = ::fork();
    if (m_pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (m_pid == 0) {
        // Dies with the thread that started it, so a crashed test leaves no server or window behind.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        redirect(in.fd, STDIN_FILENO);
        redirect(outWrite.fd, STDOUT_FILENO);
        redirect(errTarget, STDERR_FILENO);
        // Nothing of the test's (a fake server's listener, another child's pipe) lives on in the child.
        const unsigned keep = static_cast<unsigned>(execFailedWrite.fd);
        ::close_range(3, keep - 1, 0);
        ::close_range(keep + 1, ~0u, 0);
        ::execve(path.c_str(), argv.data(), envp.data());
        const int error = errno;
        (void)!::write(execFailedWrite.fd, &error, sizeof error);
        ::_exit(127);
    }
    execFailedWrite = Fd();
    int error = 0;
    ssize_t got = 0;
    while ((got = ::read(execFailed.fd, &error, sizeof error)) < 0 && errno == EINTR) {
    }
    if (got == sizeof error) {
        waitExit(kReapAfterKill);
        throw std::runtime_error("cannot start " + command.program + ": " + std::strerror(error));
    }
    if (m_out || m_err)
        m_reader = std::thread([this, o = outRead.release(), e = errRead.release()] { readPipes(o, e); });
}

ChildProcess::~ChildProcess() {
    stop();
    finishReading();
}

void ChildProcess::readPipes(int outFd, int errFd) {
    pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}}; // poll skips a descriptor of -1
    CapturedOutput* sinks[2] = {m_out.get(), m_err.get()};
    std::optional<Clock::time_point> giveUpAt;
    char buf[4096];
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        if (!giveUpAt && m_wrapUp.load()) giveUpAt = Clock::now() + kReadAfterExit;
        if (giveUpAt && Clock::now() >= *giveUpAt) break;
        if (::poll(fds, 2, 50) < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(std::string_view(buf, static_cast<std::size_t>(n)));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
            }
        }
    }
    for (int i = 0; i < 2; ++i) {
        if (fds[i].fd >= 0) ::close(fds[i].fd);
        if (sinks[i]) sinks[i]->close();
    }
}

void ChildProcess::finishReading() {
    m_wrapUp = true;
    if (m_reader.joinable()) m_reader.join(); // within kReadAfterExit
}

std::optional<int> ChildProcess::waitExit(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!m_exitCode) {
        int status = 0;
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid || (r < 0 && errno != EINTR)) {
            m_exitCode = r == m_pid ? decodeStatus(status) : -1; // -1: reaped elsewhere (ECHILD)
            finishReading(); // all it printed is in memory once this returns
            break;
        }
        if (Clock::now() >= deadline) break;
        std::this_thread::sleep_for(2ms);
    }
    return m_exitCode;
}

bool ChildProcess::signal(int sig) { return !m_exitCode && ::kill(m_pid, sig) == 0; }

int ChildProcess::stop(std::chrono::milliseconds grace) {
    if (m_exitCode) return *m_exitCode;
    signal(SIGTERM);
    if (const auto code = waitExit(grace)) return *code;
    signal(SIGKILL);
    return waitExit(kReapAfterKill).value_or(-1);
}

std::string ChildProcess::out() const { return m_out ? m_out->text() : readFile(m_outFile); }

std::string ChildProcess::err() const {
    if (m_err) return m_err->text();
    return m_errFile.empty() ? std::string() : readFile(m_errFile);
}

const CapturedOutput& ChildProcess::capturedOut() const {
    if (!m_out) throw std::logic_error("stdout goes to " + m_outFile.string() + ", not to memory");
    return *m_out;
}

const CapturedOutput& ChildProcess::capturedErr() const {
    if (!m_err) throw std::logic_error("stderr is not kept in memory");
    return *m_err;
}

RunResult runToEnd(const Command& command, std::chrono::milliseconds timeout) {
    Command inMemory = command;
    inMemory.outFile.clear();
    inMemory.errFile.clear();
    ChildProcess child(inMemory);
    RunResult result;
    if (const auto code = child.waitExit(timeout)) {
        result.exitCode = *code;
    } else {
        child.stop();
    }
    result.out = child.out();
    result.err = child.err();
    return result;
}

} // namespace support

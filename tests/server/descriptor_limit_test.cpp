// The server makes room for --max-clients connections in its open-file limit, or says why it cannot.
#include <doctest/doctest.h>

#include <optional>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "server/descriptor_limit.hpp"
#include "support/server_process.hpp"

using support::ServerProcess;

namespace {

/// Sets this process's soft limit for the scope (children started meanwhile inherit it).
class SoftLimit {
public:
    explicit SoftLimit(rlim_t soft) {
        REQUIRE(getrlimit(RLIMIT_NOFILE, &m_saved) == 0);
        rlimit lim = m_saved;
        lim.rlim_cur = soft;
        REQUIRE(setrlimit(RLIMIT_NOFILE, &lim) == 0);
    }
    ~SoftLimit() { setrlimit(RLIMIT_NOFILE, &m_saved); }
    rlim_t hard() const { return m_saved.rlim_max; }

private:
    rlimit m_saved{};
};

} // namespace

TEST_CASE("started with a shell's soft limit, the server raises its own to fit --max-clients") {
    constexpr rlim_t kWanted = 1000 + server::kDescriptorsBesideClients;
    std::optional<ServerProcess> process;
    {
        SoftLimit shellLike(256);
        REQUIRE_MESSAGE(shellLike.hard() >= kWanted, "the hard open-file limit here is below " << kWanted);
        process.emplace(std::vector<std::string>{"--max-clients", "1000"});
    }
    rlimit got{};
    REQUIRE(prlimit(process->pid(), RLIMIT_NOFILE, nullptr, &got) == 0);
    CHECK(got.rlim_cur >= kWanted);
    CHECK(process->stderrSoFar().find("warning") == std::string::npos);
}

TEST_CASE(
    "a hard limit below what --max-clients needs leaves the soft limit at the hard one, with a warning") {
    // In a child: lowering a hard limit cannot be undone without privilege.
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const rlimit low{100, 300};
        if (setrlimit(RLIMIT_NOFILE, &low) != 0) _exit(10);
        const std::string warning = server::raiseDescriptorLimit(1064);
        rlimit now{};
        getrlimit(RLIMIT_NOFILE, &now);
        if (now.rlim_cur != 300) _exit(11);
        if (warning.find("300") == std::string::npos || warning.find("1064") == std::string::npos) _exit(12);
        _exit(server::raiseDescriptorLimit(200).empty() ? 0 : 13); // within reach: nothing to say
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK_MESSAGE(WEXITSTATUS(status) == 0,
                  "10: setrlimit, 11: soft limit not raised to the hard one, "
                  "12: warning does not name both limits, 13: warning when none was due");
}

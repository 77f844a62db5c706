#include "server/process_setup.hpp"

#include <csignal>

#include <sys/resource.h>
#include <unistd.h>

namespace server {

void prepareProcess() {
    std::signal(SIGPIPE, SIG_IGN); // a closed stdout must not kill the server
    std::signal(SIGXFSZ, SIG_IGN); // a file-size limit is a full disk: a failed write we report, not a crash
}

void holdConsoleOnFailure(int) {} // a terminal outlives the programs it runs

std::vector<int> stopSignals() { return {SIGINT, SIGTERM}; }

bool isTerminal(std::FILE* out) { return isatty(fileno(out)) == 1; }

void lowerThisThreadPriority() {
    // Linux nices threads one by one: this thread only.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19);
}

} // namespace server

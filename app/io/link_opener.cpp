#include "app/io/link_opener.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace app {

LinkOpener::LinkOpener(std::string program) : m_program(std::move(program)) {
    if (m_program.empty()) {
        const char* env = std::getenv("IMCHAT_OPENER");
        m_program = env && *env ? env : "xdg-open";
    }
}

LinkOpener::~LinkOpener() { reap(); }

bool LinkOpener::open(const std::string& url, std::string& error) {
    reap();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // The opener must not read the window's stdin; its output joins ours (it may explain a failure).
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::string program = m_program;
    std::string arg = url;
    char* argv[] = {program.data(), arg.data(), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        error = m_program + ": " + std::strerror(rc);
        return false;
    }
    m_children.push_back(pid);
    return true;
}

void LinkOpener::reap() {
    std::erase_if(m_children, [](pid_t pid) {
        int status = 0;
        return waitpid(pid, &status, WNOHANG) != 0; // done (or not ours any more)
    });
}

} // namespace app

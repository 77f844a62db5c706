#pragma once
// Opens a link with the platform's opener without waiting for it, so a slow browser start never stalls a
// frame. POSIX (link_opener.cpp): xdg-open, started with posix_spawnp and reaped later. Windows
// (link_opener_windows.cpp): ShellExecuteW, which may block, on a thread of its own. IMCHAT_OPENER names
// another program (tests point it at a script that records the URL). The URL is one argument of its
// own, never passed through a shell.
#include <string>
#include <sys/types.h>
#include <vector>

namespace app {

class LinkOpener {
public:
    /// program: the opener; empty means $IMCHAT_OPENER, else "xdg-open" (Windows: the shell's handler).
    explicit LinkOpener(std::string program = {});
    /// Reaps the children that have finished (a few more may outlive the window: they are detached).
    ~LinkOpener();
    LinkOpener(const LinkOpener&) = delete;
    LinkOpener& operator=(const LinkOpener&) = delete;

    /// Starts the opener on url; false (with error set) when it cannot be started.
    bool open(const std::string& url, std::string& error);
    /// Collects finished children (cheap; call once in a while, e.g. each frame).
    void reap();
    /// The program used.
    const std::string& program() const { return m_program; }
    /// Openers started and not yet reaped.
    std::size_t running() const { return m_children.size(); }

private:
    std::string m_program;
#ifdef _WIN32
    std::vector<void*> m_children; // HANDLEs: opener processes, or threads waiting in ShellExecuteW
#else
    std::vector<pid_t> m_children;
#endif
};

} // namespace app

#include "observer_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace security {
namespace {

int connectLoopback(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
    if (fd >= 0) ::close(fd);
    return -1;
}

} // namespace

ObserverProxy::ObserverProxy(std::uint16_t serverPort)
    : m_serverPort(serverPort), m_thread([this] { run(); }) {}

ObserverProxy::~ObserverProxy() {
    m_stop = true;
    m_thread.join();
}

std::string ObserverProxy::seen() const {
    std::lock_guard lock(m_mutex);
    return m_seen;
}

void ObserverProxy::run() {
    while (!m_stop) {
        const int client = m_listener.acceptOne(std::chrono::milliseconds(50));
        if (client < 0) continue;
        const int server = connectLoopback(m_serverPort);
        if (server >= 0) relay(client, server);
        ::close(client);
        if (server >= 0) ::close(server);
    }
}

void ObserverProxy::relay(int client, int server) {
    char buf[16384];
    while (!m_stop) {
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        if (::poll(fds, 2, 50) <= 0) continue;
        for (int i = 0; i < 2; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) return; // either side closed: the relay ends, as a TCP path would
            {
                std::lock_guard lock(m_mutex);
                m_seen.append(buf, static_cast<std::size_t>(n));
            }
            const int to = i == 0 ? server : client;
            for (ssize_t sent = 0; sent < n;) {
                const ssize_t w = ::write(to, buf + sent, static_cast<std::size_t>(n - sent));
                if (w <= 0) return;
                sent += w;
            }
        }
    }
}

} // namespace security

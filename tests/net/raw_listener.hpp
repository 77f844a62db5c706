#pragma once
// A bare listening socket on 127.0.0.1 that accepts only when asked (acceptOne): a scripted fake server, a
// peer that completes TCP but never answers, or (with a full backlog) one whose SYNs go unanswered, or (once
// closed) a port where connects are refused.
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace testnet {

class RawListener {
public:
    explicit RawListener(int backlog = 16) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr = loopback(0);
        // As a real server does: a connection this listener closed first lingers in TIME_WAIT, and without
        // this a server started on the same port afterwards could not bind it.
        const int reuse = 1;
        if (m_fd >= 0) ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(m_fd, backlog) != 0)
            throw std::runtime_error("RawListener: cannot listen on 127.0.0.1");
        socklen_t len = sizeof addr;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
    }
    ~RawListener() {
        close();
        for (int fd : m_fillers) ::close(fd);
    }
    RawListener(const RawListener&) = delete;
    RawListener& operator=(const RawListener&) = delete;

    std::uint16_t port() const { return m_port; }
    /// Stops listening; the port then refuses connections.
    void close() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }
    /// Opens n connections that are never accepted, so that (with a backlog of 0) the queue is full.
    void fillBacklog(int n) {
        for (int i = 0; i < n; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            ::fcntl(fd, F_SETFL, O_NONBLOCK);
            sockaddr_in addr = loopback(m_port);
            ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr); // EINPROGRESS: fine
            m_fillers.push_back(fd);
        }
        std::this_thread::sleep_for(
            std::chrono::milliseconds(50)); // let the handshakes that can finish finish
    }

    /// Accepts one waiting connection (at most timeout); returns its descriptor (the caller closes it) or -1.
    int acceptOne(std::chrono::milliseconds timeout) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return -1;
        return ::accept(m_fd, nullptr, nullptr);
    }

private:
    static sockaddr_in loopback(std::uint16_t port) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return addr;
    }

    int m_fd = -1;
    std::uint16_t m_port = 0;
    std::vector<int> m_fillers;
};

} // namespace testnet

#include "read_poller.hpp"

#include <array>
#include <stdexcept>
#include <sys/epoll.h>

namespace bench {

namespace {
int createEpoll() {
    const int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) throw std::runtime_error("epoll_create1 failed");
    return fd;
}
} // namespace

ReadPoller::ReadPoller(asio::io_context& io) : m_epoll(io, createEpoll()) {}

void ReadPoller::add(int fd, Reader& reader) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
    ev.data.ptr = &reader;
    if (epoll_ctl(m_epoll.native_handle(), EPOLL_CTL_ADD, fd, &ev) != 0)
        throw std::runtime_error("epoll_ctl failed");
}

void ReadPoller::start() { wait(); }

void ReadPoller::wait() {
    m_epoll.async_wait(asio::posix::stream_descriptor::wait_read, [this](const asio::error_code& ec) {
        if (ec) return; // the run is over
        dispatch();
        wait();
    });
}

void ReadPoller::dispatch() {
    std::array<epoll_event, 256> events;
    int n = 0;
    do {
        n = epoll_wait(m_epoll.native_handle(), events.data(), static_cast<int>(events.size()), 0);
        for (int i = 0; i < n; ++i)
            static_cast<Reader*>(events[static_cast<std::size_t>(i)].data.ptr)->onReadable();
    } while (n == static_cast<int>(events.size()));
}

} // namespace bench

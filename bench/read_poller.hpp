#pragma once
// Read readiness of many sockets through one private epoll set (edge-triggered) that asio waits on as a
// whole. asio 1.22 re-registers a socket with epoll_ctl on every async_wait, and an async_read_some begins
// with a recv that fails with EAGAIN on a drained socket: either way one wasted syscall per delivery, which
// at a million deliveries a second makes the load generator the bottleneck. Here a wake-up costs one
// epoll_wait for all sockets that became readable, and each is read until it is drained.
#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>

namespace bench {

class ReadPoller {
public:
    /// Called when a socket may have data; must read until a short read or EAGAIN (edge-triggered).
    struct Reader {
        virtual ~Reader() = default;
        virtual void onReadable() = 0;
    };

    /// Creates the epoll set; waits run on io.
    explicit ReadPoller(asio::io_context& io);
    /// Watches fd until it is closed (closing removes it from the set).
    void add(int fd, Reader& reader);
    /// Starts waiting; call once.
    void start();

private:
    void wait();
    void dispatch();

    asio::posix::stream_descriptor m_epoll;
};

} // namespace bench

#pragma once
// A crowd that arrives all at once while the measured room goes on, over TLS, against imchat-server:
//   resume: N clients joined beforehand drop their connections together and reconnect at once, each
//           resuming its session (the token and last seq of its Welcome): a switch rebooted, a Wi-Fi back.
//   login:  N registered names (made beforehand, ten per source address 127.0.0.2...: registrations are
//           throttled per address) sign in together with their passwords: Argon2id N times at once.
// The figure is the time from the drop (or the first connect) until the last of them has joined again.
// The crowd runs on a thread and io_context of its own: its handshakes must not stall the measured room's
// clients in the load generator, or the room's latency would include the generator's own delay.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

namespace bench {

class Storm {
public:
    enum class Kind { Resume, Login };
    /// done and failed are posted to notify (the measured room's io_context).
    Storm(asio::io_context& notify, asio::ip::tcp::endpoint server, Kind kind, unsigned count);
    /// Stops the crowd's thread.
    ~Storm();

    /// Connects and joins (resume) or registers (login) every member; done() once all have, or failed(why).
    void prepare(std::function<void()> done, std::function<void(std::string)> failed);
    /// The storm itself: drop and resume, or sign in, all at once.
    void fire();
    /// Seconds from fire() until the last member joined; < 0 while some have not.
    double seconds() const { return m_seconds.load(); }
    /// Members joined again after fire().
    unsigned rejoined() const { return m_rejoinedCount.load(); }

private:
    class Member;
    friend class Member;
    void memberJoined();
    void fail(std::string why);

    asio::io_context& m_notify;
    asio::io_context m_io{1};
    asio::executor_work_guard<asio::io_context::executor_type> m_work = asio::make_work_guard(m_io);
    asio::ip::tcp::endpoint m_server;
    Kind m_kind;
    std::vector<std::unique_ptr<Member>> m_members;
    std::function<void()> m_prepared;
    std::function<void(std::string)> m_failed;
    unsigned m_joined = 0, m_rejoined = 0, m_nextToPrepare = 0;
    bool m_fired = false;
    std::chrono::steady_clock::time_point m_firedAt, m_lastAt;
    std::atomic<double> m_seconds{-1};
    std::atomic<unsigned> m_rejoinedCount{0};
    std::thread m_thread; // last: it runs m_io, which uses everything above
};

} // namespace bench

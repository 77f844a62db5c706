#pragma once
// Argon2id (libsodium's crypto_pwhash_str at its interactive limits: 64 MiB, 2 passes) on a thread of its
// own, at the lowest CPU priority, so that the event loop never waits for a password: a job's result is
// posted back to the io_context and handled there. The worker sees only the copies a job carries (a
// password, a stored hash); it touches no room state, so the server's single-thread rule still holds for
// everything else. At most maxQueued jobs wait; more are refused (the client is told to try again).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <asio/io_context.hpp>

namespace server {

class PasswordHasher {
public:
    PasswordHasher(asio::io_context& io, std::size_t maxQueued);
    /// Finishes the running job, drops the rest, joins the thread.
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    /// Whether a job may be queued now (only the io thread queues jobs, so this holds until it does).
    bool hasRoom();
    /// Hashes password; done(hash, "" when hashing failed) runs on the io thread. Check hasRoom() first.
    void hash(std::string password, std::function<void(std::string)> done);
    /// Checks password against a stored hash ("" checks against a made-up one, so that an unknown name costs
    /// the same time as a known one); done(matches) runs on the io thread. Check hasRoom() first.
    void verify(std::string password, std::string hash, std::function<void(bool)> done);

private:
    void submit(std::function<void()> job);
    void run();

    asio::io_context& m_io;
    const std::size_t m_maxQueued;
    std::mutex m_mutex; // guards m_jobs and m_stop (the worker and the io thread)
    std::condition_variable m_ready;
    std::deque<std::function<void()>> m_jobs;
    bool m_stop = false;
    std::string m_decoy;  // a hash of nothing anyone knows, made on first need (worker thread only)
    std::thread m_thread; // last: starts once everything above exists
};

} // namespace server

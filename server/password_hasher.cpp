#include "server/password_hasher.hpp"

#include <sodium.h>

#include <asio/post.hpp>

#include "server/process_setup.hpp"

namespace server {
namespace {

std::string hashNow(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {}; // out of memory
    return out;
}

/// Forgets a secret in memory before its string is freed.
void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}

} // namespace

PasswordHasher::PasswordHasher(asio::io_context& io, std::size_t maxQueued)
    : m_io(io), m_maxQueued(maxQueued), m_thread([this] { run(); }) {}

PasswordHasher::~PasswordHasher() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_jobs.clear();
    }
    m_ready.notify_one();
    m_thread.join();
}

bool PasswordHasher::hasRoom() {
    std::lock_guard lock(m_mutex);
    return !m_stop && m_jobs.size() < m_maxQueued;
}

void PasswordHasher::submit(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stop) return; // stopping: the job and its callback are dropped
        m_jobs.push_back(std::move(job));
    }
    m_ready.notify_one();
}

void PasswordHasher::hash(std::string password, std::function<void(std::string)> done) {
    submit([this, password = std::move(password), done = std::move(done)]() mutable {
        std::string result = hashNow(password);
        wipe(password);
        asio::post(m_io, [done = std::move(done), result = std::move(result)]() mutable {
            done(std::move(result));
        });
    });
}

void PasswordHasher::verify(std::string password, std::string hash, std::function<void(bool)> done) {
    submit([this, password = std::move(password), hash = std::move(hash), done = std::move(done)]() mutable {
        if (m_decoy.empty()) m_decoy = hashNow("imchat decoy: no account has this password");
        // An unknown name is checked against the decoy for the same time, and never matches.
        const bool known = !hash.empty();
        const std::string& against = known ? hash : m_decoy;
        const bool verified = !against.empty() && crypto_pwhash_str_verify(against.c_str(), password.data(),
                                                                           password.size()) == 0;
        const bool matches = known && verified;
        wipe(password);
        asio::post(m_io, [done = std::move(done), matches] { done(matches); });
    });
}

void PasswordHasher::run() {
    // On a busy machine the event loop gets the CPU first: a burst of logins slows the logins, not the room.
    lowerThisThreadPriority();
    if (sodium_init() < 0) return;
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_ready.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
            if (m_stop) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
}

} // namespace server

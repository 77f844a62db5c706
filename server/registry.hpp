#pragma once
// Every live connection (Session or LabSession, joined or not): the counts behind --max-clients and
// --max-per-ip, the one sweep timer that checks all sessions' deadlines, the shared read buffer, the write
// rounds, and the graceful stop.
//
// Single-threaded: only the io_context thread touches this, so no locks are needed.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "server/admission_pacer.hpp"
#include "server/flusher.hpp"
#include "server/options.hpp"
#include "server/peer.hpp"

struct ssl_ctx_st;

namespace server {

class Accounts;

class Registry {
public:
    /// Starts the sweep timer.
    Registry(asio::io_context& io, const Options& options);

    /// Counted sessions (the --max-clients figure).
    std::size_t clients() const { return m_counted; }
    /// Counted sessions from one address.
    std::size_t fromIp(const std::string& ip) const;
    /// Sessions being refused right now (not counted).
    std::size_t refusing() const { return m_sessions.size() - m_counted; }
    /// Tracks a connection until remove().
    void add(const std::shared_ptr<Peer>& p);
    /// Forgets a closed connection.
    void remove(Peer& p);
    /// One receive buffer for every session: reads complete one at a time on this thread, so a single buffer
    /// serves all (a per-session buffer would cost 1000 idle clients megabytes).
    std::vector<char>& readBuffer() { return m_readBuffer; }
    /// What the read buffer decrypts to (TLS sessions), shared the same way.
    std::string& plainBuffer() { return m_plainBuffer; }
    /// Where a TLS session gathers the frames it seals into records, shared the same way.
    std::string& sealBuffer() { return m_sealBuffer; }
    /// The TLS context every TLS session's state is made from (set before the first accept).
    ssl_ctx_st* tlsContext() const { return m_tlsContext; }
    void setTlsContext(ssl_ctx_st* ctx) { m_tlsContext = ctx; }
    /// Who may use which name (set before the first accept).
    Accounts& accounts() const { return *m_accounts; }
    void setAccounts(Accounts* accounts) { m_accounts = accounts; }
    /// The write rounds every session's output goes through.
    Flusher& flusher() { return m_flusher; }
    /// The pace at which newcomers' reads are handled.
    AdmissionPacer& pacer() { return m_pacer; }
    /// Evicts everyone with ShuttingDown; calls done once all are closed or after a short grace period.
    void shutdown(std::function<void()> done);
    /// Called as each read is handled: a gap since the last tick longer than the sweep timer allows means the
    /// loop did not run meanwhile (stopped, starved of CPU).
    void tick(std::chrono::steady_clock::time_point now);
    /// Whether the event loop fell behind lately (a sweep ran well after its time, or the loop did not run,
    /// within the last few seconds): while it does, what clients send at their own pace reaches the server in
    /// bunches.
    bool fellBehindLately(std::chrono::steady_clock::time_point now) const;

private:
    /// Every connection, held: checking or evicting one may remove it from the map meanwhile.
    std::vector<std::shared_ptr<Peer>> snapshot() const;
    void scheduleSweep();
    void sweep();
    void finishShutdown();

    asio::io_context& m_io;
    asio::steady_timer m_sweepTimer, m_shutdownTimer;
    std::chrono::milliseconds m_sweepInterval;
    std::unordered_map<Peer*, std::shared_ptr<Peer>> m_sessions;
    std::unordered_map<std::string, std::size_t> m_perIp;
    std::size_t m_counted = 0;
    std::vector<char> m_readBuffer;
    std::string m_plainBuffer, m_sealBuffer;
    ssl_ctx_st* m_tlsContext = nullptr;
    Accounts* m_accounts = nullptr;
    Flusher m_flusher;
    AdmissionPacer m_pacer{m_io};
    std::function<void()> m_onStopped;
    std::chrono::steady_clock::time_point m_lastTrim{};
    std::chrono::steady_clock::time_point m_lastBehind{}, m_lastTick{};
};

} // namespace server

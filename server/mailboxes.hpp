#pragma once
// The mailboxes of registered names: private messages kept while their owner is offline. Each holds at most
// --mailbox-max unread messages, and one sender address at most a tenth of them, so a flood from one place
// can neither bury the genuine mail nor grow the disk: past either bound the sender gets MailboxFull and
// the message is not kept. A mailbox is opened (its count starts again) when its owner signs in and the
// mail is replayed; mail nobody opened for --mail-expiry-days is deleted.
//
// Single-threaded: used only from the io_context thread. Counts are read from the database on first use and
// kept in memory; writes join the Storage's open transaction when there is one.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "net/messages.hpp"
#include "server/options.hpp"
#include "server/sqlite.hpp"

namespace server {

class Status;

class Mailboxes {
public:
    /// Creates the table if needed and deletes expired mail now and then once a day.
    Mailboxes(asio::io_context& io, sqlite3* db, const Options& options, Status& status);

    struct Verdict {
        net::ErrorCode refusal = net::ErrorCode::None;
        std::string why;
    };
    /// Whether a message from fromIp may be kept in key's mailbox.
    Verdict admit(const std::string& key, const std::string& fromIp);
    /// A message from fromIp was staged into key's mailbox.
    void stored(const std::string& key, const std::string& fromIp);
    /// key's owner signed in and got its mail: everything up to pseq counts as read.
    void opened(const std::string& key, std::uint64_t pseq);
    /// Forgets the counts (a burst failed: what was counted was not stored); they are read again.
    void forget() { m_boxes.clear(); }
    /// Deletes the mail nobody opened before the expiry; returns how many messages.
    std::size_t expire(std::uint64_t nowMs);

private:
    struct Box {
        std::size_t total = 0;
        std::unordered_map<std::string, std::size_t> bySender; // by address
    };
    Box& box(const std::string& key);
    std::size_t perSender() const;
    void scheduleExpiry(std::chrono::milliseconds after);

    const Options& m_options;
    Status& m_status;
    sqlite3* m_db;
    sql::Statement m_count, m_open, m_expire;
    std::unordered_map<std::string, Box> m_boxes; // by name key, loaded on first use
    asio::steady_timer m_expiryTimer;
};

} // namespace server

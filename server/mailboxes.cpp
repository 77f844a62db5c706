#include "server/mailboxes.hpp"

#include <algorithm>
#include <chrono>

#include <sqlite3.h>

#include "server/clock.hpp"
#include "server/status.hpp"

namespace server {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS mail_opened(key TEXT PRIMARY KEY, pseq INTEGER NOT NULL);";
// Unread mail: kept while its recipient was offline (the Stored flag), after the mailbox was last opened.
constexpr const char* kUnread = "(flags & 1) != 0 AND pseq > coalesce((SELECT pseq FROM mail_opened WHERE "
                                "mail_opened.key = privates.to_key), 0)";
constexpr std::uint64_t kDayMs = 24ull * 3600 * 1000;

} // namespace

Mailboxes::Mailboxes(asio::io_context& io, sqlite3* db, const Options& options, Status& status)
    : m_options(options), m_status(status), m_db(db), m_expiryTimer(io) {
    if (sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw sql::Error(std::string("cannot create the mailbox table: ") + sqlite3_errmsg(db));
    m_count =
        sql::Statement(db, std::string("SELECT from_ip, count(*) FROM privates WHERE to_key = ?1 AND ") +
                               kUnread + " GROUP BY from_ip");
    m_open = sql::Statement(db, "INSERT OR REPLACE INTO mail_opened VALUES(?1, ?2)");
    m_expire = sql::Statement(db, std::string("DELETE FROM privates WHERE time_ms < ?1 AND ") + kUnread);
    // The first run right after start-up (the "listening on" line is the first one printed).
    if (m_options.mailExpiryDays > 0) scheduleExpiry(std::chrono::milliseconds(0));
}

std::size_t Mailboxes::perSender() const { return std::max<std::size_t>(1, m_options.mailboxMax / 10); }

Mailboxes::Box& Mailboxes::box(const std::string& key) {
    if (auto it = m_boxes.find(key); it != m_boxes.end()) return it->second;
    Box b;
    m_count.bind(1, key);
    while (m_count.step()) {
        const std::size_t n = static_cast<std::size_t>(m_count.u64(1));
        b.bySender[m_count.text(0)] = n;
        b.total += n;
    }
    m_count.reset();
    return m_boxes.emplace(key, std::move(b)).first->second;
}

Mailboxes::Verdict Mailboxes::admit(const std::string& key, const std::string& fromIp) {
    Box& b = box(key);
    if (b.total >= m_options.mailboxMax)
        return {net::ErrorCode::MailboxFull,
                "mailbox-full: " + std::to_string(b.total) + " unread messages wait for this name already"};
    if (const auto it = b.bySender.find(fromIp); it != b.bySender.end() && it->second >= perSender())
        return {net::ErrorCode::MailboxFull, "mailbox-full: your address left this name " +
                                                 std::to_string(it->second) + " unread messages already"};
    return {};
}

void Mailboxes::stored(const std::string& key, const std::string& fromIp) {
    Box& b = box(key);
    ++b.total;
    ++b.bySender[fromIp];
}

void Mailboxes::opened(const std::string& key, std::uint64_t pseq) {
    m_boxes.erase(key);
    m_open.bind(1, key);
    m_open.bind(2, static_cast<std::int64_t>(pseq));
    m_open.step();
    m_open.reset();
}

std::size_t Mailboxes::expire(std::uint64_t now) {
    const auto age = static_cast<std::uint64_t>(m_options.mailExpiryDays * static_cast<double>(kDayMs));
    if (now < age) return 0;
    m_expire.bind(1, static_cast<std::int64_t>(now - age));
    m_expire.step();
    m_expire.reset();
    m_boxes.clear();
    return static_cast<std::size_t>(sqlite3_changes(m_db));
}

void Mailboxes::scheduleExpiry(std::chrono::milliseconds after) {
    m_expiryTimer.expires_after(after);
    m_expiryTimer.async_wait([this](const std::error_code& ec) {
        if (ec) return;
        if (const std::size_t n = expire(nowMs()); n > 0)
            m_status.log("mail: deleted " + std::to_string(n) + " message(s) unread too long");
        // Again in a day, or sooner when the expiry itself is shorter (a test's).
        const double ms = std::min(static_cast<double>(kDayMs), m_options.mailExpiryDays * kDayMs / 2);
        scheduleExpiry(std::chrono::milliseconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(ms))));
    });
}

} // namespace server

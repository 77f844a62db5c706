#pragma once
// Durable history: public messages and private messages (mailboxes) in one SQLite file (WAL).
// Writes are staged into one transaction per event-loop burst and committed by the Room (group commit).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "net/messages.hpp"
#include "server/sqlite.hpp"

namespace server {

class Storage {
public:
    /// Opens or creates the database (and its directory), private to the server's user; throws sql::Error
    /// when it cannot, or when path is a symbolic link and followSymlink is false.
    explicit Storage(const std::string& path, bool followSymlink = false);
    /// Each commit waits until the disk has it (SQLite's synchronous=FULL): acknowledged messages survive a
    /// power loss too, not only a crash of the server. Call before the first write.
    void syncEveryCommit();

    /// Highest public seq committed when the file was opened.
    std::uint64_t latestSeq() const { return m_latestSeq; }
    /// Highest private seq committed when the file was opened.
    std::uint64_t latestPrivateSeq() const { return m_latestPrivateSeq; }
    /// Private messages whose name keys were computed anew on opening (an older file or ICU); usually 0.
    std::size_t rekeyedPrivates() const { return m_rekeyedPrivates; }

    /// Adds a public message to the open transaction (begun on the first write of a burst).
    bool stagePublic(const net::Chat& m);
    /// Adds a private message to the open transaction.
    bool stagePrivate(const net::Private& m, std::string_view fromKey, std::string_view toKey);
    /// Commits the open transaction; on failure rolls it back and returns false.
    bool commit();
    /// Discards the open transaction, if any.
    void rollback();
    /// SQLite's description of the last failure, for the log.
    std::string lastError() const { return m_db.lastError(); }
    /// The SQLite connection, for tools that empty a scratch database between runs (the room fuzzer).
    sqlite3* handle() const { return m_db.handle(); }

    /// Rows read newest first, at most `limit` of them and at most `maxBytes` of queued frames (frameSize +
    /// kFrameOverhead each): reading stops at the first row that would not fit, so a request costs what it
    /// sends, not what the table holds. `more` says whether rows were left.
    template <typename Row>
    struct Rows {
        std::vector<Row> rows;
        bool more = false;
        std::size_t bytes = 0; // of queued frames, as counted against maxBytes
    };
    /// The newest public messages with afterSeq < seq <= upToSeq, oldest first.
    Rows<net::Chat> publicAfter(std::uint64_t afterSeq, std::uint64_t upToSeq, std::size_t limit,
                                std::size_t maxBytes);
    /// Public messages with seq < beforeSeq, newest first.
    Rows<net::Chat> publicBefore(std::uint64_t beforeSeq, std::size_t limit, std::size_t maxBytes);
    /// The newest private messages from or to `key` with afterSeq < pseq <= upToSeq, oldest first.
    Rows<net::Private> privatesFor(std::string_view key, std::uint64_t afterSeq, std::uint64_t upToSeq,
                                   std::size_t limit, std::size_t maxBytes);

private:
    std::size_t updateNameKeys();
    bool begin();
    static net::Chat readChat(const sql::Statement& s);
    static net::Private readPrivate(const sql::Statement& s);
    template <typename Row>
    static Rows<Row> readRows(sql::Statement& s, std::size_t limit, std::size_t maxBytes);

    sql::Database m_db;
    sql::Statement m_insertPublic, m_insertPrivate, m_begin, m_commit, m_rollback;
    sql::Statement m_publicAfter, m_publicBefore, m_privatesFor;
    std::uint64_t m_latestSeq = 0;
    std::uint64_t m_latestPrivateSeq = 0;
    std::size_t m_rekeyedPrivates = 0;
    bool m_inTransaction = false;
};

} // namespace server

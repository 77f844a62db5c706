#include "server/storage.hpp"

#include <algorithm>
#include <limits>
#include <type_traits>

#include "net/name_rules.hpp"
#include "server/frame.hpp"
#include "server/private_files.hpp"

namespace server {

namespace {

// Opening creates the directory (and its parents) first so a fresh machine works with the default path; the
// database file and its journals are private whatever the umask (see private_files.hpp): they hold private
// messages and password hashes. The file may not be a symbolic link unless the operator says so: a link left
// dangling in a shared folder would have the server create its database wherever the link's owner chose.
std::string prepareDirectory(const std::string& path, bool followSymlink) {
    try {
        makeFoldersFor(path);
        if (path != ":memory:") preparePrivateFile(path, followSymlink);
    } catch (const std::runtime_error& e) {
        throw sql::Error(e.what());
    }
    return path;
}

// The server is the database's only user: EXCLUSIVE locking (set before WAL mode is entered) keeps the WAL
// index in our heap instead of a shared -shm mapping and spares four fcntl locks per commit; a second
// server started on the same file fails to open it instead of interleaving sequence numbers. The page
// cache is kept small (256 KiB): writes append at the right edge of one B-tree, and history pages are
// read once per request.
constexpr const char* kSchema = R"sql(
PRAGMA locking_mode=EXCLUSIVE;
PRAGMA cache_size=-256;
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
PRAGMA busy_timeout=1000;
CREATE TABLE IF NOT EXISTS messages(
    seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, name TEXT NOT NULL, ip TEXT NOT NULL,
    client_id INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS privates(
    pseq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, "from" TEXT NOT NULL, from_ip TEXT NOT NULL,
    "to" TEXT NOT NULL, to_key TEXT NOT NULL, from_key TEXT NOT NULL, client_id INTEGER NOT NULL,
    flags INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS privates_to ON privates(to_key, pseq);
CREATE INDEX IF NOT EXISTS privates_from ON privates(from_key, pseq);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// PRAGMA user_version: the version of what the file holds. 0: privates.to_key/from_key are names with A-Z
// lowercased. 1: they are net::nameKey (confusable skeletons), and meta 'name_keys' names the nameKeyVersion
// they were computed with.
constexpr std::uint64_t kSchemaVersion = 1;

constexpr const char* kChatColumns = "seq, time_ms, name, ip, client_id, text";
constexpr const char* kPrivateColumns = R"(pseq, time_ms, "from", from_ip, "to", client_id, flags, text)";

// A seq as SQLite's signed integer: the columns hold no seq above INT64_MAX, so a larger bound a client sent
// (2^64 - 1 as "everything after") means the same as INT64_MAX, where a bit-for-bit cast would make it
// negative and select every row.
std::int64_t seqArg(std::uint64_t seq) {
    return static_cast<std::int64_t>(std::min<std::uint64_t>(seq, std::numeric_limits<std::int64_t>::max()));
}

std::uint64_t scalar(sql::Database& db, const char* text) {
    sql::Statement s(db.handle(), text);
    return s.step() ? s.u64(0) : 0;
}

std::string scalarText(sql::Database& db, const char* text) {
    sql::Statement s(db.handle(), text);
    return s.step() ? s.text(0) : std::string();
}

} // namespace

Storage::Storage(const std::string& path, bool followSymlink)
    : m_db(prepareDirectory(path, followSymlink), followSymlink) {
    m_db.exec(kSchema);
    m_rekeyedPrivates = updateNameKeys();
    m_insertPublic = sql::Statement(m_db.handle(), "INSERT INTO messages VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    m_insertPrivate =
        sql::Statement(m_db.handle(), "INSERT INTO privates VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    m_begin = sql::Statement(m_db.handle(), "BEGIN");
    m_commit = sql::Statement(m_db.handle(), "COMMIT");
    m_rollback = sql::Statement(m_db.handle(), "ROLLBACK");
    m_publicAfter = sql::Statement(m_db.handle(), std::string("SELECT ") + kChatColumns +
                                                      " FROM messages WHERE seq > ?1 AND seq <= ?2"
                                                      " ORDER BY seq DESC LIMIT ?3");
    m_publicBefore =
        sql::Statement(m_db.handle(), std::string("SELECT ") + kChatColumns +
                                          " FROM messages WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2");
    const std::string privateSelect = std::string("SELECT ") + kPrivateColumns + " FROM privates WHERE ";
    // Two indexed halves instead of one OR, which SQLite would answer with a table scan.
    m_privatesFor = sql::Statement(
        m_db.handle(), privateSelect + "to_key = ?1 AND pseq > ?2 AND pseq <= ?3 UNION " + privateSelect +
                           "from_key = ?1 AND pseq > ?2 AND pseq <= ?3" + " ORDER BY pseq DESC LIMIT ?4");
    m_latestSeq = scalar(m_db, "SELECT coalesce(max(seq), 0) FROM messages");
    m_latestPrivateSeq = scalar(m_db, "SELECT coalesce(max(pseq), 0) FROM privates");
}

std::size_t Storage::updateNameKeys() {
    const std::string version = net::nameKeyVersion();
    const std::uint64_t schema = scalar(m_db, "PRAGMA user_version");
    if (schema >= kSchemaVersion &&
        scalarText(m_db, "SELECT value FROM meta WHERE key = 'name_keys'") == version)
        return 0;
    // Keys made another way (schema 0's lowercasing, an older ICU's confusables) would no longer find their
    // mailboxes: all are computed again from the names, in one transaction, before anything is served. A
    // failure throws; closing the database then rolls the transaction back.
    m_db.exec("BEGIN");
    struct Names {
        std::int64_t pseq;
        std::string from, to;
    };
    std::vector<Names> rows;
    {
        sql::Statement select(m_db.handle(), R"(SELECT pseq, "from", "to" FROM privates)");
        while (select.step()) rows.push_back({select.i64(0), select.text(1), select.text(2)});
        if (!select.ok()) throw sql::Error("cannot read names to key: " + m_db.lastError());
    }
    sql::Statement update(m_db.handle(), "UPDATE privates SET from_key = ?2, to_key = ?3 WHERE pseq = ?1");
    for (const auto& r : rows) {
        const std::string fromKey = net::nameKey(r.from), toKey = net::nameKey(r.to);
        update.bind(1, r.pseq);
        update.bind(2, fromKey);
        update.bind(3, toKey);
        update.step();
        update.reset();
        if (!update.ok()) throw sql::Error("cannot update name keys: " + m_db.lastError());
    }
    sql::Statement stamp(m_db.handle(), "INSERT OR REPLACE INTO meta VALUES('name_keys', ?1)");
    stamp.bind(1, version);
    stamp.step();
    if (!stamp.ok()) throw sql::Error("cannot record the name key version: " + m_db.lastError());
    if (schema < kSchemaVersion)
        m_db.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
    m_db.exec("COMMIT");
    return rows.size();
}

void Storage::syncEveryCommit() { m_db.exec("PRAGMA synchronous=FULL;"); }

bool Storage::begin() {
    if (m_inTransaction) return true;
    m_begin.step();
    m_begin.reset();
    m_inTransaction = m_begin.ok();
    return m_inTransaction;
}

bool Storage::stagePublic(const net::Chat& m) {
    if (!begin()) return false;
    auto& s = m_insertPublic;
    s.bind(1, m.seq);
    s.bind(2, m.timeMs);
    s.bind(3, m.name);
    s.bind(4, m.ip);
    s.bind(5, m.clientId);
    s.bind(6, m.text);
    s.step();
    s.reset();
    return s.ok();
}

bool Storage::stagePrivate(const net::Private& m, std::string_view fromKey, std::string_view toKey) {
    if (!begin()) return false;
    auto& s = m_insertPrivate;
    s.bind(1, m.seq);
    s.bind(2, m.timeMs);
    s.bind(3, m.from);
    s.bind(4, m.fromIp);
    s.bind(5, m.to);
    s.bind(6, toKey);
    s.bind(7, fromKey);
    s.bind(8, m.clientId);
    s.bind(9, static_cast<std::int64_t>(m.flags));
    s.bind(10, m.text);
    s.step();
    s.reset();
    return s.ok();
}

bool Storage::commit() {
    if (!m_inTransaction) return true;
    m_commit.step();
    m_commit.reset();
    if (m_commit.ok()) {
        m_inTransaction = false;
        return true;
    }
    rollback();
    return false;
}

void Storage::rollback() {
    // A failed COMMIT may already have ended the transaction; ROLLBACK then fails harmlessly.
    m_rollback.step();
    m_rollback.reset();
    m_inTransaction = false;
}

net::Chat Storage::readChat(const sql::Statement& s) {
    net::Chat c;
    c.seq = s.u64(0);
    c.timeMs = s.u64(1);
    c.name = s.text(2);
    c.ip = s.text(3);
    c.clientId = s.u64(4);
    c.text = s.text(5);
    return c;
}

net::Private Storage::readPrivate(const sql::Statement& s) {
    net::Private p;
    p.seq = s.u64(0);
    p.timeMs = s.u64(1);
    p.from = s.text(2);
    p.fromIp = s.text(3);
    p.to = s.text(4);
    p.clientId = s.u64(5);
    p.flags = static_cast<std::uint8_t>(s.i64(6));
    p.text = s.text(7);
    return p;
}

template <typename Row>
Storage::Rows<Row> Storage::readRows(sql::Statement& s, std::size_t limit, std::size_t maxBytes) {
    Rows<Row> out;
    while (s.step()) {
        Row row;
        if constexpr (std::is_same_v<Row, net::Chat>) {
            row = readChat(s);
        } else {
            row = readPrivate(s);
        }
        const std::size_t bytes = frameSize(row) + kFrameOverhead;
        if (out.rows.size() == limit || out.bytes + bytes > maxBytes) {
            out.more = true;
            break;
        }
        out.bytes += bytes;
        out.rows.push_back(std::move(row));
    }
    s.reset();
    return out;
}

Storage::Rows<net::Chat> Storage::publicAfter(std::uint64_t afterSeq, std::uint64_t upToSeq,
                                              std::size_t limit, std::size_t maxBytes) {
    auto& s = m_publicAfter;
    s.bind(1, seqArg(afterSeq));
    s.bind(2, seqArg(upToSeq));
    s.bind(3, limit + 1); // one more than wanted: whether there are more
    auto out = readRows<net::Chat>(s, limit, maxBytes);
    std::reverse(out.rows.begin(), out.rows.end());
    return out;
}

Storage::Rows<net::Chat> Storage::publicBefore(std::uint64_t beforeSeq, std::size_t limit,
                                               std::size_t maxBytes) {
    auto& s = m_publicBefore;
    s.bind(1, seqArg(beforeSeq));
    s.bind(2, limit + 1);
    return readRows<net::Chat>(s, limit, maxBytes);
}

Storage::Rows<net::Private> Storage::privatesFor(std::string_view key, std::uint64_t afterSeq,
                                                 std::uint64_t upToSeq, std::size_t limit,
                                                 std::size_t maxBytes) {
    auto& s = m_privatesFor;
    s.bind(1, key);
    s.bind(2, seqArg(afterSeq));
    s.bind(3, seqArg(upToSeq));
    s.bind(4, limit + 1);
    auto out = readRows<net::Private>(s, limit, maxBytes);
    std::reverse(out.rows.begin(), out.rows.end());
    return out;
}

} // namespace server

#include "server/account_store.hpp"

#include <sqlite3.h>

namespace server {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS accounts(
    key TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS device_tokens(
    token_hash TEXT PRIMARY KEY, key TEXT NOT NULL, created_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS device_tokens_key ON device_tokens(key);
CREATE TABLE IF NOT EXISTS private_floors(key TEXT PRIMARY KEY, pseq INTEGER NOT NULL);
)sql";

} // namespace

AccountStore::AccountStore(sqlite3* db) : m_db(db) {
    if (sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw sql::Error(std::string("cannot create the account tables: ") + sqlite3_errmsg(db));
    m_find = sql::Statement(db, "SELECT name, hash, created_ms FROM accounts WHERE key = ?1");
    m_list = sql::Statement(db, "SELECT name, hash, created_ms FROM accounts ORDER BY name");
    m_insert = sql::Statement(db, "INSERT INTO accounts VALUES(?1, ?2, ?3, ?4)");
    m_updateHash = sql::Statement(db, "UPDATE accounts SET hash = ?2 WHERE key = ?1");
    m_deleteAccount = sql::Statement(db, "DELETE FROM accounts WHERE key = ?1");
    m_deleteTokens = sql::Statement(db, "DELETE FROM device_tokens WHERE key = ?1");
    m_insertToken = sql::Statement(db, "INSERT INTO device_tokens VALUES(?1, ?2, ?3)");
    m_findToken = sql::Statement(db, "SELECT key FROM device_tokens WHERE token_hash = ?1");
    m_setFloor = sql::Statement(db, "INSERT OR REPLACE INTO private_floors VALUES(?1, ?2)");
    m_upsert =
        sql::Statement(db, "INSERT INTO accounts VALUES(?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET "
                           "name = excluded.name, hash = excluded.hash, created_ms = excluded.created_ms");
    m_keepToken = sql::Statement(db, "INSERT OR IGNORE INTO device_tokens VALUES(?1, ?2, ?3)");
    m_begin = sql::Statement(db, "BEGIN");
    m_commit = sql::Statement(db, "COMMIT");
    m_rollback = sql::Statement(db, "ROLLBACK");
    sql::Statement keys(db, "SELECT key FROM accounts");
    while (keys.step()) m_registered.insert(keys.text(0));
    sql::Statement floors(db, "SELECT key, pseq FROM private_floors");
    while (floors.step()) m_floors[floors.text(0)] = floors.u64(1);
}

bool AccountStore::run(sql::Statement& s) {
    while (s.step()) {
    }
    const bool ok = s.ok();
    s.reset();
    return ok;
}

template <typename Change>
bool AccountStore::atomically(Change change) {
    // Inside the Storage's open burst the change commits with it; otherwise it gets a transaction of its own.
    const bool own = sqlite3_get_autocommit(m_db) != 0;
    if (own && !run(m_begin)) return false;
    const bool ok = change();
    if (!own) return ok;
    if (ok && run(m_commit)) return true;
    run(m_rollback);
    return false;
}

std::optional<AccountStore::Account> AccountStore::find(std::string_view key) {
    if (!registered(key)) return std::nullopt;
    m_find.bind(1, key);
    std::optional<Account> a;
    if (m_find.step()) a = Account{m_find.text(0), m_find.text(1), m_find.u64(2)};
    m_find.reset();
    return a;
}

std::vector<AccountStore::Account> AccountStore::list() {
    std::vector<Account> all;
    while (m_list.step()) all.push_back({m_list.text(0), m_list.text(1), m_list.u64(2)});
    m_list.reset();
    return all;
}

bool AccountStore::setFloor(std::string_view key, std::uint64_t privateFloor) {
    m_setFloor.bind(1, key);
    m_setFloor.bind(2, privateFloor);
    return run(m_setFloor);
}

bool AccountStore::create(std::string_view key, std::string_view name, std::string_view hash,
                          std::uint64_t privateFloor, std::uint64_t nowMs) {
    if (registered(key)) return false;
    const bool ok = atomically([&] {
        m_insert.bind(1, key);
        m_insert.bind(2, name);
        m_insert.bind(3, hash);
        m_insert.bind(4, nowMs);
        return run(m_insert) && setFloor(key, privateFloor);
    });
    if (ok) {
        m_registered.emplace(key);
        m_floors[std::string(key)] = privateFloor;
    }
    return ok;
}

bool AccountStore::setHash(std::string_view key, std::string_view hash) {
    if (!registered(key)) return false;
    return atomically([&] {
        m_updateHash.bind(1, key);
        m_updateHash.bind(2, hash);
        m_deleteTokens.bind(1, key);
        return run(m_updateHash) && run(m_deleteTokens);
    });
}

bool AccountStore::release(std::string_view key, std::uint64_t privateFloor) {
    return registered(key) && mirrorRelease(key, privateFloor);
}

bool AccountStore::addToken(std::string_view key, std::string_view tokenHash, std::uint64_t nowMs) {
    return atomically([&] {
        m_insertToken.bind(1, tokenHash);
        m_insertToken.bind(2, key);
        m_insertToken.bind(3, nowMs);
        return run(m_insertToken);
    });
}

std::optional<std::string> AccountStore::keyOfToken(std::string_view tokenHash) {
    m_findToken.bind(1, tokenHash);
    std::optional<std::string> key;
    if (m_findToken.step()) key = m_findToken.text(0);
    m_findToken.reset();
    return key;
}

bool AccountStore::mirrorAccount(std::string_view key, std::string_view name, std::string_view hash,
                                 std::uint64_t createdMs, std::uint64_t privateFloor) {
    const auto current = find(key);
    const bool newHash = !current || current->hash != hash;
    const bool ok = atomically([&] {
        m_upsert.bind(1, key);
        m_upsert.bind(2, name);
        m_upsert.bind(3, hash);
        m_upsert.bind(4, createdMs);
        m_deleteTokens.bind(1, key);
        return (!newHash || run(m_deleteTokens)) && run(m_upsert) && setFloor(key, privateFloor);
    });
    if (ok) {
        m_registered.emplace(key);
        m_floors[std::string(key)] = privateFloor;
    }
    return ok;
}

bool AccountStore::mirrorRelease(std::string_view key, std::uint64_t privateFloor) {
    const bool ok = atomically([&] {
        m_deleteAccount.bind(1, key);
        m_deleteTokens.bind(1, key);
        return run(m_deleteAccount) && run(m_deleteTokens) && setFloor(key, privateFloor);
    });
    if (ok) {
        m_registered.erase(std::string(key));
        m_floors[std::string(key)] = privateFloor;
    }
    return ok;
}

bool AccountStore::mirrorToken(std::string_view key, std::string_view tokenHash, std::uint64_t createdMs) {
    m_keepToken.bind(1, tokenHash);
    m_keepToken.bind(2, key);
    m_keepToken.bind(3, createdMs);
    return atomically([&] { return run(m_keepToken); });
}

std::uint64_t AccountStore::privateFloor(std::string_view key) const {
    const auto it = m_floors.find(std::string(key));
    return it == m_floors.end() ? 0 : it->second;
}

} // namespace server

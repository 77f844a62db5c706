#pragma once
// Registered names on disk, in the server's SQLite file: each account's Argon2id hash (never a password),
// the hashes of its device tokens (never the tokens), and each name's private floor: the private seq below
// which its history is not replayed (set when a name is registered or released, so whoever holds it next does
// not read what the name's earlier user wrote or received).
//
// Single-threaded: used only from the io_context thread. Writes join the Storage's open transaction when a
// burst is being staged (committed with it), else commit at once.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/sqlite.hpp"

namespace server {

class AccountStore {
public:
    /// Creates the tables if needed and loads the registered keys and floors into memory.
    explicit AccountStore(sqlite3* db);

    struct Account {
        std::string name; // as registered (NFC)
        std::string hash; // crypto_pwhash_str's text
        std::uint64_t createdMs = 0;
    };
    /// The account of a name key, if registered.
    std::optional<Account> find(std::string_view key);
    /// Whether a name key is registered (in memory, no query).
    bool registered(std::string_view key) const { return m_registered.count(std::string(key)) > 0; }
    /// Every account, by name.
    std::vector<Account> list();

    /// Registers key; false when it exists already or the write failed. The name's private history before
    /// privateFloor stays hidden from its new owner.
    bool create(std::string_view key, std::string_view name, std::string_view hash,
                std::uint64_t privateFloor, std::uint64_t nowMs);
    /// Replaces the password hash and revokes every device token of key.
    bool setHash(std::string_view key, std::string_view hash);
    /// Deletes the account and its tokens; the name's private history before privateFloor stays hidden.
    bool release(std::string_view key, std::uint64_t privateFloor);

    /// Remembers a device token (by its hash) for key.
    bool addToken(std::string_view key, std::string_view tokenHash, std::uint64_t nowMs);
    /// The key a device token (by its hash) belongs to.
    std::optional<std::string> keyOfToken(std::string_view tokenHash);

    /// A cluster node's copy of an account as the cluster holds it (cluster/shared_accounts.hpp): made or
    /// replaced; a new hash revokes the device tokens.
    bool mirrorAccount(std::string_view key, std::string_view name, std::string_view hash,
                       std::uint64_t createdMs, std::uint64_t privateFloor);
    /// ... the account released (or never registered here): gone with its tokens, its floor kept.
    bool mirrorRelease(std::string_view key, std::uint64_t privateFloor);
    /// ... a device token made on some node (one this copy holds already is kept).
    bool mirrorToken(std::string_view key, std::string_view tokenHash, std::uint64_t createdMs);

    /// The private seq at or below which key's history is hidden (0: none).
    std::uint64_t privateFloor(std::string_view key) const;

private:
    /// Runs the statements of one change together: in the open transaction if there is one, else in their
    /// own.
    template <typename Change>
    bool atomically(Change change);
    bool run(sql::Statement& s);
    bool setFloor(std::string_view key, std::uint64_t privateFloor);

    sqlite3* m_db;
    sql::Statement m_find, m_list, m_insert, m_updateHash, m_deleteAccount, m_deleteTokens, m_insertToken,
        m_findToken, m_setFloor, m_begin, m_commit, m_rollback, m_upsert, m_keepToken;
    std::unordered_set<std::string> m_registered;            // keys
    std::unordered_map<std::string, std::uint64_t> m_floors; // key -> private floor
};

} // namespace server

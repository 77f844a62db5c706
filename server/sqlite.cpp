#include "server/sqlite.hpp"

#include <sqlite3.h>

namespace server::sql {

Statement::Statement(sqlite3* db, std::string_view text) {
    if (sqlite3_prepare_v3(db, text.data(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt,
                           nullptr) != SQLITE_OK)
        throw Error(std::string("cannot prepare statement: ") + sqlite3_errmsg(db));
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}

void Statement::bind(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }

void Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    m_ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    return rc == SQLITE_ROW;
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::i64(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

Database::Database(const std::string& path, bool followSymlink) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (followSymlink ? 0 : SQLITE_OPEN_NOFOLLOW);
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error(why);
    }
}

Database::~Database() { sqlite3_close(m_db); }

void Database::exec(const char* text) {
    if (!tryExec(text)) throw Error(lastError());
}

bool Database::tryExec(const char* text) {
    return sqlite3_exec(m_db, text, nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::string Database::lastError() const { return sqlite3_errmsg(m_db); }

} // namespace server::sql

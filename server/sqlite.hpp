#pragma once
// Minimal RAII over the SQLite C API: one connection, prepared statements with typed binds.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace server::sql {

/// Thrown when the database cannot be opened or prepared; run-time write failures are return values.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view text);
    ~Statement();
    Statement(Statement&& o) noexcept : m_stmt(o.m_stmt) { o.m_stmt = nullptr; }
    Statement& operator=(Statement&& o) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Binds a 1-based parameter.
    void bind(int index, std::int64_t value);
    /// Binds a 1-based parameter (unsigned values are stored bit for bit).
    void bind(int index, std::uint64_t value) { bind(index, static_cast<std::int64_t>(value)); }
    /// Binds text; the string must outlive step().
    void bind(int index, std::string_view text);
    /// Advances: true while a row is available; false when done. Sets ok() false on error.
    bool step();
    /// Resets for reuse and clears bindings.
    void reset();
    /// Whether the last step() finished without an SQLite error.
    bool ok() const { return m_ok; }

    std::int64_t i64(int column) const;
    std::uint64_t u64(int column) const { return static_cast<std::uint64_t>(i64(column)); }
    std::string text(int column) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    bool m_ok = true;
};

class Database {
public:
    /// Opens (creating) the file; throws sql::Error.
    /// Opens or creates path; with followSymlink false a symbolic link is refused (SQLITE_OPEN_NOFOLLOW).
    explicit Database(const std::string& path, bool followSymlink = false);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs statements that return no rows; throws sql::Error.
    void exec(const char* text);
    /// Runs statements that return no rows; false (and message in lastError()) on failure.
    bool tryExec(const char* text);
    /// SQLite's description of the last failure.
    std::string lastError() const;
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

} // namespace server::sql

#pragma once
// The server's files hold private messages, password hashes and its TLS key: where they live by default and
// how they are made so that only the server's own user can read them. POSIX: folders 0700 and files 0600
// whatever the umask, never through a symbolic link left in a shared folder. Windows: the per-user
// %LOCALAPPDATA% folder, whose inherited access list already admits only that user (and administrators).
#include <cstdio>
#include <functional>
#include <string>

namespace server {

/// The database when --data is not given: $XDG_DATA_HOME/imchat/server.db or ~/.local/share/imchat/server.db
/// (POSIX), %LOCALAPPDATA%\imchat\server.db (Windows).
std::string defaultDataPath();

/// The folder a file path names ("." for a bare file name).
std::string folderOf(const std::string& path);

/// name inside folder.
std::string inFolder(const std::string& folder, const std::string& name);

/// Creates the missing folders of the file path, its own folder private. Throws std::runtime_error.
void makeFoldersFor(const std::string& path);

/// Creates the file if missing, private, and makes it (and the SQLite journals beside it) private if an older
/// imchat made them readable. A symbolic link is refused unless followSymlink. Throws std::runtime_error.
void preparePrivateFile(const std::string& path, bool followSymlink);

/// Writes a private file through a temporary name, flushed to disk, so a crash leaves either no file or a
/// whole one; write returns false on failure. Throws std::runtime_error.
void writePrivateFile(const std::string& path, const std::function<bool(std::FILE*)>& write);

/// Whether a file exists at path.
bool fileExists(const std::string& path);

} // namespace server

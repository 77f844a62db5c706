#include "server/private_files.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// POSIX calls rather than std::filesystem, which would link most of libstdc++'s locale code into the server.
namespace server {
namespace {

// Makes a file the server owns private (0600), if it exists: a database an older imchat made under umask 022
// was 0644, and SQLite gives a new WAL its database's mode. Never through a symbolic link.
void makePrivate(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) ::fchmod(fd, 0600);
    ::close(fd);
}

} // namespace

std::string defaultDataPath() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/imchat/server.db";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/imchat/server.db";
    return "imchat-server.db"; // no home at all (a bare container): the working directory
}

std::string folderOf(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string inFolder(const std::string& folder, const std::string& name) { return folder + "/" + name; }

void makeFoldersFor(const std::string& path) {
    // Every prefix that ends before a '/', the root excepted: "a/b/c.db" makes "a", then "a/b" (0700).
    const auto last = path.rfind('/');
    for (auto slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1)) {
        const std::string dir = path.substr(0, slash);
        if (::mkdir(dir.c_str(), slash == last ? 0700 : 0755) != 0 && errno != EEXIST)
            throw std::runtime_error("cannot create directory " + dir + ": " + std::strerror(errno));
    }
}

void preparePrivateFile(const std::string& path, bool followSymlink) {
    const int fd =
        ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | (followSymlink ? 0 : O_NOFOLLOW), 0600);
    if (fd < 0 && errno == ELOOP)
        throw std::runtime_error(
            "it is a symbolic link (pass --data-follow-symlink to use the file it points to)");
    if (fd >= 0) ::close(fd); // else the caller's own open says why
    for (const char* suffix : {"", "-wal", "-journal"}) makePrivate(path + suffix);
}

void writePrivateFile(const std::string& path, const std::function<bool(std::FILE*)>& write) {
    const std::string tmp = path + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + tmp + ": " + std::strerror(errno));
    ::fchmod(fd, 0600); // whatever the umask
    FILE* f = ::fdopen(fd, "w");
    const bool ok = f && write(f) && std::fflush(f) == 0 && ::fsync(fd) == 0;
    if (f) std::fclose(f);
    else ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + path);
    }
}

bool fileExists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

} // namespace server

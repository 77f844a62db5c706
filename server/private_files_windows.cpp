#include "server/private_files.hpp"

#include <cstdio>
#include <stdexcept>

#include <io.h>
#include <shlobj.h>
#include <windows.h>

#include "net/wide_text.hpp"

// Files and folders made here inherit the access list of the folder they are in; under the user's
// %LOCALAPPDATA% that admits the user, SYSTEM and administrators only, which is what 0700/0600 say on POSIX.
namespace server {
namespace {

bool isSeparator(char c) { return c == '\\' || c == '/'; }

std::string lastError() {
    wchar_t text[256] = L"";
    ::FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, ::GetLastError(), 0,
                     text, 256, nullptr);
    std::string out = net::narrow(text);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == '.')) out.pop_back();
    return out;
}

} // namespace

std::string defaultDataPath() {
    PWSTR folder = nullptr;
    std::string path = "imchat-server.db"; // no profile folder at all: the working directory
    if (::SHGetKnownFolderPath(FOLDERID_LocalAppData, KF_FLAG_CREATE, nullptr, &folder) == S_OK)
        path = net::narrow(folder) + "\\imchat\\server.db";
    ::CoTaskMemFree(folder);
    return path;
}

std::string folderOf(const std::string& path) {
    const auto separator = path.find_last_of("\\/");
    if (separator == std::string::npos) return ".";
    if (separator == 0 || (separator == 2 && path[1] == ':')) return path.substr(0, separator + 1); // a root
    return path.substr(0, separator);
}

std::string inFolder(const std::string& folder, const std::string& name) {
    if (!folder.empty() && isSeparator(folder.back())) return folder + name;
    // The separator the folder already uses: "C:/data" + "/tls-key.pem" reads better than a mixture.
    const bool slashes = folder.find('/') != std::string::npos && folder.find('\\') == std::string::npos;
    return folder + (slashes ? "/" : "\\") + name;
}

void makeFoldersFor(const std::string& path) {
    // Every prefix that ends before a separator, after the drive or the \\server\share part.
    std::size_t start = 0;
    if (path.size() > 2 && path[1] == ':') start = 3;
    else if (path.rfind("\\\\", 0) == 0)
        start = path.find_first_of("\\/", path.find_first_of("\\/", 2) + 1) + 1;
    for (auto at = path.find_first_of("\\/", start); at != std::string::npos;
         at = path.find_first_of("\\/", at + 1)) {
        const std::string dir = path.substr(0, at);
        if (dir.empty() || isSeparator(dir.back())) continue;
        if (!::CreateDirectoryW(net::widen(dir).c_str(), nullptr) && ::GetLastError() != ERROR_ALREADY_EXISTS)
            throw std::runtime_error("cannot create directory " + dir + ": " + lastError());
    }
}

void preparePrivateFile(const std::string& path, bool followSymlink) {
    const DWORD attributes = ::GetFileAttributesW(net::widen(path).c_str());
    if (!followSymlink && attributes != INVALID_FILE_ATTRIBUTES &&
        (attributes & FILE_ATTRIBUTE_REPARSE_POINT))
        throw std::runtime_error(
            "it is a symbolic link (pass --data-follow-symlink to use the file it points to)");
}

void writePrivateFile(const std::string& path, const std::function<bool(std::FILE*)>& write) {
    const std::wstring tmp = net::widen(path + ".tmp");
    std::FILE* f = ::_wfopen(tmp.c_str(), L"wbx"); // x: never an existing file
    if (!f) {
        ::DeleteFileW(tmp.c_str()); // left by a crash
        f = ::_wfopen(tmp.c_str(), L"wbx");
    }
    if (!f) throw std::runtime_error("cannot create " + path + ".tmp");
    const bool ok = write(f) && std::fflush(f) == 0 && ::_commit(::_fileno(f)) == 0;
    std::fclose(f);
    if (!ok || !::MoveFileExW(tmp.c_str(), net::widen(path).c_str(),
                              MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        ::DeleteFileW(tmp.c_str());
        throw std::runtime_error("cannot write " + path);
    }
}

bool fileExists(const std::string& path) {
    return ::GetFileAttributesW(net::widen(path).c_str()) != INVALID_FILE_ATTRIBUTES;
}

} // namespace server

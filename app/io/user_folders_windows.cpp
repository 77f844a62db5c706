#include "app/io/user_folders.hpp"

#include <string_view>

#include <windows.h>

#include <knownfolders.h>
#include <shlobj.h>

#include "net/wide_text.hpp"

namespace app {
namespace {

/// A known folder (FOLDERID_*), or empty when the shell has none.
std::filesystem::path knownFolder(REFKNOWNFOLDERID id) {
    PWSTR path = nullptr;
    std::filesystem::path found;
    if (SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, nullptr, &path) == S_OK) found = path;
    CoTaskMemFree(path); // also when the call failed, as its documentation asks
    return found;
}

} // namespace

std::filesystem::path configFolder() {
    // XDG_CONFIG_HOME is not read here: under Wine it holds a Unix path of the Linux user's.
    // A folder in the user's profile is private already: it inherits an ACL that grants only the user,
    // SYSTEM and Administrators, so the files in it need no mode of their own (POSIX makes them 0600).
    std::filesystem::path base = knownFolder(FOLDERID_RoamingAppData);
    if (base.empty()) base = ".";
    return base / L"imchat";
}

std::string documentsFolder() { return net::narrow(knownFolder(FOLDERID_Documents).wstring()); }

bool reservedInFileName(char c) { return std::string_view("\\/:*?\"<>|").find(c) != std::string_view::npos; }

} // namespace app

#include "app/io/private_file.hpp"

#include <system_error>

#include <windows.h>

namespace app {

// No mode bits to set, unlike POSIX's 0600: the settings folder is in the user's profile, whose inherited
// ACL already lets only the user (and SYSTEM and Administrators) in, so nobody else can read the file or
// put a link in its place.
bool writePrivateFile(const std::filesystem::path& path, const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const std::wstring target = path.wstring();
    const std::wstring tmp = target + L".tmp";
    const HANDLE file =
        CreateFileW(tmp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) return false;
    DWORD done = 0;
    const bool written =
        WriteFile(file, text.data(), static_cast<DWORD>(text.size()), &done, nullptr) && done == text.size();
    const bool synced = FlushFileBuffers(file) != 0;
    CloseHandle(file);
    // WRITE_THROUGH: the call returns once the rename is on disk.
    if (written && synced &&
        MoveFileExW(tmp.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return true;
    DeleteFileW(tmp.c_str());
    return false;
}

} // namespace app

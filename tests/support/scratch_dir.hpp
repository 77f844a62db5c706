#pragma once
// A directory of a test's own under the system's temp dir, removed with everything in it at scope exit:
//   support::ScratchDir dir("chat-client");   // /tmp/imchat-chat-client-XXXXXX
//   write(dir.path() / "known_servers");
#include <filesystem>
#include <stdexcept>
#include <stdlib.h>
#include <string>
#include <system_error>

namespace support {

class ScratchDir {
public:
    explicit ScratchDir(const std::string& what) {
        std::string tmpl = (std::filesystem::temp_directory_path() / ("imchat-" + what + "-XXXXXX")).string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
        m_path = tmpl;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace support

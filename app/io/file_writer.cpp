#include "app/io/file_writer.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace app {

FileWriter::FileWriter(std::function<void()> wake) : m_wake(std::move(wake)) {}

FileWriter::~FileWriter() {
    if (m_thread.joinable()) m_thread.join();
}

bool FileWriter::start(std::filesystem::path path, std::string bytes) {
    if (m_busy) return false;
    if (m_thread.joinable()) m_thread.join(); // finished: it only has to be reaped
    m_busy = true;
    m_thread = std::thread([this, path = std::move(path), bytes = std::move(bytes)] {
        Result r = write(path, bytes);
        {
            std::lock_guard lock(m_mutex);
            m_result = std::move(r);
        }
        m_busy = false;
        if (m_wake) m_wake(); // outside the lock
    });
    return true;
}

std::optional<FileWriter::Result> FileWriter::poll() {
    std::lock_guard lock(m_mutex);
    std::optional<Result> r = std::move(m_result);
    m_result.reset();
    return r;
}

FileWriter::Result FileWriter::write(const std::filesystem::path& path, const std::string& bytes) {
    Result r{path, false, {}};
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    std::filesystem::path tmp = path;
    tmp += ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            r.error = std::strerror(errno);
            return r;
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            r.error = std::strerror(errno);
            std::filesystem::remove(tmp, ec);
            return r;
        }
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        r.error = ec.message();
        std::filesystem::remove(tmp, ec);
        return r;
    }
    r.ok = true;
    return r;
}

} // namespace app

#pragma once
// Writes a file on a worker thread, so saving a transcript of a million messages never stalls a frame
// (the UI thread never touches the disk). One write at a time; the result is picked up with poll() at
// the start of a frame, and wake() is called when it is ready.
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace app {

class FileWriter {
public:
    /// How a write ended.
    struct Result {
        std::filesystem::path path;
        bool ok = false;
        std::string error; // when !ok
    };

    /// wake is called from the worker thread when a result is ready (may be empty).
    explicit FileWriter(std::function<void()> wake = {});
    /// Waits for a write in progress.
    ~FileWriter();
    FileWriter(const FileWriter&) = delete;
    FileWriter& operator=(const FileWriter&) = delete;

    /// Starts writing bytes to path (through a temporary file and a rename). False when a write is
    /// still in progress.
    bool start(std::filesystem::path path, std::string bytes);
    /// Whether a write is in progress.
    bool busy() const { return m_busy; }
    /// The result of a finished write, once.
    std::optional<Result> poll();

private:
    static Result write(const std::filesystem::path& path, const std::string& bytes);

    std::function<void()> m_wake;
    std::thread m_thread;
    std::atomic<bool> m_busy{false};
    std::mutex m_mutex; // guards m_result only
    std::optional<Result> m_result;
};

} // namespace app

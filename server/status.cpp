#include "server/status.hpp"

#include <ctime>

namespace server {

std::string timestampNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

bool Status::takeLine() {
    if (!m_budget.take(std::chrono::steady_clock::now())) {
        ++m_notShown;
        return false;
    }
    if (m_notShown > 0) {
        std::fprintf(m_out, "%s[%s] (%zu lines not shown: more than %.0f a second)\n",
                     m_liveShown ? "\r\033[K" : "", timestampNow().c_str(), m_notShown, kLinesPerSecond);
        m_notShown = 0;
    }
    return true;
}

void Status::online(std::size_t count) {
    m_online = count;
    if (m_live) {
        redrawLive();
    } else if (takeLine()) {
        std::fprintf(m_out, "[%s] online: %zu\n", timestampNow().c_str(), count);
        std::fflush(m_out);
    }
}

void Status::log(std::string_view line) {
    if (!takeLine()) return;
    // "\r\033[K" clears the live line so the event scrolls above it, then the live line is drawn again.
    std::fprintf(m_out, "%s[%s] %.*s\n", m_liveShown ? "\r\033[K" : "", timestampNow().c_str(),
                 static_cast<int>(line.size()), line.data());
    if (m_live) redrawLive();
    std::fflush(m_out);
}

void Status::finish() {
    if (m_liveShown) std::fputc('\n', m_out);
    m_liveShown = false;
    std::fflush(m_out);
}

void Status::redrawLive() {
    std::fprintf(m_out, "\r\033[K[%s] online: %zu", timestampNow().c_str(), m_online);
    std::fflush(m_out);
    m_liveShown = true;
}

} // namespace server

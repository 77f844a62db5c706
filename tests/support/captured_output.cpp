#include "captured_output.hpp"

namespace support {

void CapturedOutput::append(std::string_view bytes) {
    {
        std::lock_guard lock(m_mutex);
        m_text.append(bytes);
        for (std::size_t nl; (nl = m_text.find('\n', m_lineStart)) != std::string::npos; m_lineStart = nl + 1)
            m_lines.push_back(m_text.substr(m_lineStart, nl - m_lineStart));
    }
    m_changed.notify_all();
}

void CapturedOutput::close() {
    {
        std::lock_guard lock(m_mutex);
        if (m_lineStart < m_text.size()) m_lines.push_back(m_text.substr(m_lineStart));
        m_lineStart = m_text.size();
        m_closed = true;
    }
    m_changed.notify_all();
}

std::string CapturedOutput::text() const {
    std::lock_guard lock(m_mutex);
    return m_text;
}

std::size_t CapturedOutput::lineCount() const {
    std::lock_guard lock(m_mutex);
    return m_lines.size();
}

std::string CapturedOutput::line(std::size_t i) const {
    std::lock_guard lock(m_mutex);
    return i < m_lines.size() ? m_lines[i] : std::string();
}

bool CapturedOutput::closed() const {
    std::lock_guard lock(m_mutex);
    return m_closed;
}

std::optional<std::size_t> CapturedOutput::waitLine(const std::function<bool(const std::string&)>& match,
                                                    std::chrono::milliseconds timeout,
                                                    std::size_t from) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_mutex);
    for (std::size_t i = from;;) {
        // match only reads the line it is given, so running it under the lock is safe.
        for (; i < m_lines.size(); ++i)
            if (match(m_lines[i])) return i;
        if (m_closed) return std::nullopt;
        // After the deadline, lines that arrived meanwhile are still looked at once.
        if (m_changed.wait_until(lock, deadline) == std::cv_status::timeout && i == m_lines.size())
            return std::nullopt;
    }
}

} // namespace support

#include "app/diag/screenshot_trigger.hpp"

namespace app {

ScreenshotTrigger::ScreenshotTrigger(std::string path, std::string afterText, std::int64_t startMs)
    : m_path(std::move(path)), m_afterText(std::move(afterText)), m_startMs(startMs) {}

void ScreenshotTrigger::check(const ChatModel& model, std::int64_t nowMs) {
    if (!pending() || m_countdown >= 0) return;
    bool ready = false;
    if (m_afterText.empty()) {
        // Settled: joined, or waiting on the user about the server's key, or a few seconds passed.
        const LinkState state = model.link().state;
        ready = state == LinkState::Online || state == LinkState::KeyUnknown ||
                state == LinkState::KeyChanged || nowMs - m_startMs >= kSettleTimeoutMs;
    } else {
        m_scanned.resize(model.conversationCount());
        for (std::size_t c = 0; c < model.conversationCount() && !ready; ++c) {
            const Conversation& conv = model.conversation(c);
            Scanned& seen = m_scanned[c];
            if (seen.epoch != conv.epoch()) seen = Scanned{conv.epoch(), 0, 0}; // cleared: start over
            // Older pages arrive at the front, live messages at the back: look at both new ends.
            const auto front = static_cast<std::size_t>(conv.frontPushes() - seen.frontPushes);
            const auto contains = [&](std::size_t i) {
                return model.text(conv[i]).find(m_afterText) != std::string_view::npos;
            };
            for (std::size_t i = 0; i < front && !ready; ++i) ready = contains(i);
            for (std::size_t i = seen.size + front; i < conv.size() && !ready; ++i) ready = contains(i);
            seen = Scanned{conv.epoch(), conv.frontPushes(), conv.size()};
        }
    }
    if (ready) m_countdown = kSettleFrames;
}

void ScreenshotTrigger::requestNow() {
    if (m_path.empty()) return;
    if (m_taken) ++m_number; // an earlier one was saved: this one gets the next name
    m_taken = false;
    m_countdown = kSettleFrames;
}

bool ScreenshotTrigger::frameRendered() {
    if (!settling()) return false;
    if (m_countdown-- > 0) return false;
    m_taken = true;
    return true;
}

std::string ScreenshotTrigger::path() const {
    if (m_number == 1) return m_path;
    const std::size_t slash = m_path.find_last_of('/');
    const std::size_t dot = m_path.find_last_of('.');
    const std::size_t at =
        dot != std::string::npos && (slash == std::string::npos || dot > slash) ? dot : m_path.size();
    return m_path.substr(0, at) + "-" + std::to_string(m_number) + m_path.substr(at);
}

double ScreenshotTrigger::wakeAfter(std::int64_t nowMs) const {
    if (!pending() || !m_afterText.empty() || m_countdown >= 0) return -1.0;
    const std::int64_t left = kSettleTimeoutMs - (nowMs - m_startMs);
    return left > 0 ? static_cast<double>(left) / 1000.0 : 0.0;
}

} // namespace app

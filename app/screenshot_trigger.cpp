#include "app/screenshot_trigger.hpp"

namespace app {

ScreenshotTrigger::ScreenshotTrigger(std::string path, std::string afterText, std::int64_t startMs)
    : m_path(std::move(path)), m_afterText(std::move(afterText)), m_startMs(startMs) {}

void ScreenshotTrigger::check(const ChatModel& model, std::int64_t nowMs) {
    if (!pending() || m_countdown >= 0) return;
    bool ready = false;
    if (m_afterText.empty()) {
        ready = model.link().state == LinkState::Online || nowMs - m_startMs >= kSettleTimeoutMs;
    } else {
        m_scanned.resize(model.conversationCount(), 0);
        for (std::size_t c = 0; c < model.conversationCount() && !ready; ++c) {
            const Conversation& conv = model.conversation(c);
            if (m_scanned[c] > conv.size()) m_scanned[c] = 0; // the conversation was cleared
            for (std::size_t i = m_scanned[c]; i < conv.size() && !ready; ++i) {
                ready = model.text(conv[i]).find(m_afterText) != std::string_view::npos;
            }
            m_scanned[c] = conv.size();
        }
    }
    if (ready) m_countdown = kSettleFrames;
}

bool ScreenshotTrigger::frameRendered() {
    if (!settling()) return false;
    if (m_countdown-- > 0) return false;
    m_taken = true;
    return true;
}

double ScreenshotTrigger::wakeAfter(std::int64_t nowMs) const {
    if (!pending() || !m_afterText.empty() || m_countdown >= 0) return -1.0;
    const std::int64_t left = kSettleTimeoutMs - (nowMs - m_startMs);
    return left > 0 ? static_cast<double>(left) / 1000.0 : 0.0;
}

} // namespace app

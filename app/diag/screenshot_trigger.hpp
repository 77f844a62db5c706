#pragma once
// When to take the --screenshot: once the UI has settled (joined, a server key to decide on, or a few
// seconds passed), or once a message containing --screenshot-after-text is on screen; then a few more
// frames so layout and fonts are final.
#include <cstdint>
#include <string>
#include <vector>

#include "app/model/chat_model.hpp"

namespace app {

class ScreenshotTrigger {
public:
    /// path empty: never triggers.
    ScreenshotTrigger(std::string path, std::string afterText, std::int64_t startMs);
    /// Looks at what arrived since the last call and starts the settling countdown when the condition holds.
    void check(const ChatModel& model, std::int64_t nowMs);
    /// Takes another screenshot after a few frames (F12), even if one was taken already.
    void requestNow();
    /// Counts a rendered frame; true when this frame is the one to save.
    bool frameRendered();
    /// True while a screenshot is still to come.
    bool pending() const { return !m_path.empty() && !m_taken; }
    /// True while frames must be drawn for the countdown.
    bool settling() const { return pending() && m_countdown >= 0; }
    /// Seconds until the time-based trigger should be checked again (< 0: no need).
    double wakeAfter(std::int64_t nowMs) const;
    /// Where the screenshot being taken goes: the --screenshot path for the first, then the same name
    /// numbered ("shot-2.png", "shot-3.png", ...) for each F12, so none overwrites another.
    std::string path() const;

private:
    static constexpr std::int64_t kSettleTimeoutMs = 5000; // without afterText: capture even if not joined
    static constexpr int kSettleFrames = 3;

    std::string m_path;
    std::string m_afterText;
    std::int64_t m_startMs;
    struct Scanned { // what was already searched, per conversation
        std::uint32_t epoch = ~0u;
        std::uint64_t frontPushes = 0;
        std::size_t size = 0;
    };
    std::vector<Scanned> m_scanned;
    int m_countdown = -1; // frames left before the capture; -1: not triggered yet
    bool m_taken = false;
    int m_number = 1; // of the screenshot to come
};

} // namespace app

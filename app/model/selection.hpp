#pragma once
// Which messages of a conversation are selected for copying: a click selects one, a Shift-click extends
// the range from the last plain click. Positions are kept as stable ids (index - frontPushes), so older
// pages arriving at the front do not move the selection onto other messages.
#include <cstdint>
#include <optional>
#include <utility>

#include "app/model/conversation.hpp"

namespace app {

class Selection {
public:
    /// A click on entry i of conversation conv (c is that conversation); shift extends the range.
    void click(std::size_t conv, const Conversation& c, std::size_t i, bool shift);
    /// Selects nothing.
    void clear() { m_conv = kNone; }
    /// The selected [first, last] entries of conversation conv, if any are selected there.
    std::optional<std::pair<std::size_t, std::size_t>> range(std::size_t conv, const Conversation& c) const;
    /// Whether entry i of conversation conv is selected.
    bool contains(std::size_t conv, const Conversation& c, std::size_t i) const;

private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t m_conv = kNone;
    std::uint32_t m_epoch = 0;
    std::int64_t m_anchor = 0; // stable ids
    std::int64_t m_focus = 0;
};

} // namespace app

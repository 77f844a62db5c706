#pragma once
// The scrollback panel: draws only the entries in view of a conversation of any size (binary search over
// the ScrollLayout's prefix sums), sticks to the bottom only when the user is there, offers "N new ↓"
// otherwise, keeps the view steady when older pages arrive, and asks for them near the top.
#include <cstdint>
#include <vector>

#include "app/chat_model.hpp"
#include "app/scroll_layout.hpp"
#include "app/text_layout.hpp"
#include "app/theme.hpp"

namespace app {

class Scrollback {
public:
    /// Draws conversation conv in a child region height pixels tall (0: all that is left). Returns true
    /// when the view is near the top of the room and older history should be requested.
    bool draw(const ChatModel& model, std::size_t conv, float height);
    /// Forgets every view (the model was reset: conversation indices mean new things).
    void reset() { m_views.clear(); }
    /// The entries drawn in the last frame: [first, end) of conversation conv.
    struct Drawn {
        std::size_t conv = static_cast<std::size_t>(-1);
        std::size_t first = 0;
        std::size_t end = 0;
    };
    const Drawn& lastDrawn() const { return m_drawn; }
    /// Messages that arrived in conversation conv while the user was scrolled up (the "N new" count).
    std::uint32_t newCount(std::size_t conv) const { return conv < m_views.size() ? m_views[conv].newCount : 0; }
    /// Whether conversation conv's view follows new messages (it is at the bottom).
    bool atBottom(std::size_t conv) const { return conv >= m_views.size() || m_views[conv].stick; }

private:
    struct View {
        ScrollLayout layout;
        bool stick = true;        // follow new messages
        double lastScroll = 0.0;  // the scroll position we set last frame
        std::uint32_t newCount = 0;
    };
    View& view(std::size_t conv);
    void drawNewButton(View& v, const Strings& s);

    std::vector<View> m_views;
    Drawn m_drawn;
    std::vector<LineSpan> m_scratch;
};

} // namespace app

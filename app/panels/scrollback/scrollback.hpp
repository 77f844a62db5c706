#pragma once
// The scrollback panel: draws only the entries in view of a conversation of any size (binary search over
// the ScrollLayout's prefix sums), sticks to the bottom only when the user is there, offers "N new ↓"
// otherwise, keeps the view steady when older pages arrive, and asks for them near the top. Clicks
// select messages (Shift extends), a right click opens the entry menu, a click on a link opens it; the
// unread marker is drawn above the first unread entry and a search hit can be brought into view.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/model/chat_model.hpp"
#include "app/model/day_divider.hpp"
#include "app/model/search_index.hpp"
#include "app/model/selection.hpp"
#include "app/panels/scrollback/entry_menu.hpp"
#include "app/panels/scrollback/entry_painter.hpp"
#include "app/panels/scrollback/scroll_layout.hpp"

namespace app {

class Scrollback {
public:
    /// What this frame shows besides the entries.
    struct Frame {
        EntryStyle style;
        std::optional<std::size_t> marker;   // the first unread entry: the marker line goes above it
        const SearchIndex* search = nullptr; // its current hit is highlighted more
    };
    /// What the user did in the panel this frame.
    struct Result {
        bool wantsOlder = false; // near the top: older history should be requested
        EntryAction action = EntryAction::None;
        std::size_t entry = 0; // the entry the action is about
        std::string url;       // OpenLink / CopyLink
    };

    /// Draws conversation conv in a child region height pixels tall (0: all that is left).
    Result draw(const ChatModel& model, std::size_t conv, float height, const Frame& frame);
    /// Forgets every view (the model was reset: conversation indices mean new things).
    void reset() {
        m_views.clear();
        m_selection.clear();
        m_settling = false;
    }
    /// Scrolls conversation conv so entry i is in the middle of the view (next frame).
    void reveal(std::size_t conv, std::size_t i);
    /// Selects entry i of conversation conv (c) alone, as a click on it would.
    void select(std::size_t conv, const Conversation& c, std::size_t i);
    /// The entries drawn in the last frame: [first, end) of conversation conv.
    struct Drawn {
        std::size_t conv = static_cast<std::size_t>(-1);
        std::size_t first = 0;
        std::size_t end = 0;
    };
    const Drawn& lastDrawn() const { return m_drawn; }
    /// The messages' stamp lines drawn in the last frame, one per line (a narrow view drops parts of them).
    const std::string& lastHeaders() const { return m_scratch.headers; }
    /// Links drawn in the last frame.
    const std::vector<LinkBox>& lastLinks() const { return m_scratch.linkBoxes; }
    /// Messages that arrived in conversation conv while the user was scrolled up (the "N new" count).
    std::uint32_t newCount(std::size_t conv) const {
        return conv < m_views.size() ? m_views[conv].newCount : 0;
    }
    /// Whether conversation conv's view follows new messages (it is at the bottom).
    bool atBottom(std::size_t conv) const { return conv >= m_views.size() || m_views[conv].stick; }
    /// The selected messages.
    const Selection& selection() const { return m_selection; }
    /// Whether the conversation drawn last still has entries to re-wrap after a resize (more frames needed).
    bool settling() const { return m_settling; }

private:
    struct View {
        ScrollLayout layout;
        bool stick = true;       // follow new messages
        double lastScroll = 0.0; // the scroll position we set last frame
        std::uint32_t newCount = 0;
        std::optional<std::size_t> reveal; // an entry to bring into view
    };
    struct Pass;
    View& view(std::size_t conv);
    // The steps of draw(), in order.
    void keyScroll(Pass& p);       // PageUp/PageDown, and Home/End when no text box has the keys
    void trackUserScroll(Pass& p); // did the user scroll: leave or rejoin the bottom
    void syncLayout(Pass& p);      // measure new entries, re-wrap a budget's worth, take a reveal
    void placeAndSettle(Pass& p);  // where the view goes; what is in view made exact
    void countNew(Pass& p);        // the "N new" count, or stick again after a reveal
    void paint(Pass& p);           // the entries in view and the unread marker
    Result overlays(Pass& p);
    /// Whether entry i takes Reply (a stored message), and whether y is on reply i's quote line.
    static bool canReply(const Conversation& c, std::size_t i);
    bool onQuoteLine(const Conversation& c, const View& v, std::size_t i, double scroll, ImVec2 origin,
                     float y);         // "N new", "loading older", the mouse, the entry menu
    double place(const Pass& p) const; // the scroll position this frame asks for
    void drawNewButton(View& v, const Strings& s);
    void drawMarker(const View& v, std::size_t i, double scroll, ImVec2 origin, float width,
                    const Frame& frame, const Strings& s);
    void handleMouse(const ChatModel& model, std::size_t conv, const View& v, double scroll, ImVec2 origin,
                     Result& r);

    std::vector<View> m_views;
    Drawn m_drawn;
    PaintScratch m_scratch;
    LocalDays m_days;
    Selection m_selection;
    std::size_t m_menuEntry = 0; // what the open entry menu is about
    std::string m_menuUrl;
    bool m_settling = false;
};

} // namespace app

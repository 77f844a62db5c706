#pragma once
// The Ctrl+F bar above the scrollback: the query box, "k of n", previous/next buttons and a close
// button. Enter goes to the next (older) hit, Shift+Enter to the previous (newer) one, Escape closes.
#include <string>

#include "app/fonts/glyph_set.hpp"
#include "app/model/search_index.hpp"
#include "app/text/i18n.hpp"

namespace app {

class SearchBar {
public:
    /// Shows the bar with the keyboard focus in its box (Ctrl+F).
    void open();
    /// Hides it and drops the query.
    void close();
    bool isOpen() const { return m_open; }
    /// What the box holds.
    const std::string& query() const { return m_query; }

    /// What the user asked for this frame.
    enum class Move { None, Next, Previous, Close };
    /// Draws the bar (when open) over the index of the conversation shown.
    Move draw(const Strings& s, const SearchIndex& index, GlyphSet& glyphs);
    /// "3 of 12", "no results" or "searching…" for the index.
    static std::string status(const Strings& s, const SearchIndex& index);

private:
    std::string m_query;
    bool m_open = false;
    bool m_focus = false;
};

} // namespace app

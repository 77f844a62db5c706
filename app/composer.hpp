#pragma once
// The bottom bar, as in the lab: the username field, the input box and the SEND button. Enter sends and
// keeps the focus in the input box.
#include <string>

#include "app/glyph_set.hpp"
#include "app/i18n.hpp"

namespace app {

class Composer {
public:
    std::string name; ///< the username field
    std::string text; ///< the input box

    struct Result {
        bool send = false;        // Enter or SEND
        bool nameChanged = false; // the username field was edited and left
    };
    /// Draws the bar.
    Result draw(const Strings& s, GlyphSet& glyphs);
    /// Puts the keyboard focus into the input box on the next frame.
    void focusInput() { m_focusInput = true; }
    /// True when this frame moved the keyboard focus (ImGui applies it over the next frames).
    bool movedFocus() const { return m_movedFocus; }
    /// Height the bar needs below the panels above it.
    static float height();

private:
    bool m_focusInput = true;
    bool m_movedFocus = false;
};

} // namespace app

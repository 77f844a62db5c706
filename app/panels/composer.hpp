#pragma once
// The bottom bar, as in the lab: the username field, the input box and the SEND button. Enter sends and
// keeps the focus in the input box; Shift+Enter or Ctrl+Enter starts a new line (the box grows up to a
// few lines); ↑/↓ recall what was sent; near or over the server's limit a hint shows what is left.
#include <cstdint>
#include <string>

#include <imgui.h>

#include "app/fonts/glyph_set.hpp"
#include "app/model/input_history.hpp"
#include "app/text/i18n.hpp"

namespace app {

class Composer {
public:
    std::string name; ///< the username field
    std::string text; ///< the input box

    struct Result {
        bool send = false;        // Enter or SEND
        bool nameChanged = false; // the username field was edited and left
    };
    /// Draws the bar; maxTextBytes is the server's limit, for the hint.
    Result draw(const Strings& s, GlyphSet& glyphs, std::uint32_t maxTextBytes);
    /// The text was sent: remember it for ↑ and empty the box.
    void sent();
    /// Puts the keyboard focus into the input box on the next frame.
    void focusInput() { m_focusInput = true; }
    /// Puts the keyboard focus into the user name field on the next frame.
    void focusName() {
        m_focusName = true;
        m_focusInput = false;
    }
    /// Whether the input box held the keyboard focus when it was last drawn.
    bool inputActive() const { return m_inputActive; }
    /// True when this frame moved the keyboard focus (ImGui applies it over the next frames).
    bool movedFocus() const { return m_movedFocus; }
    /// Height the bar needs below the panels above it (it grows with the lines typed).
    float height() const;
    /// The sent texts.
    const InputHistory& history() const { return m_history; }

    /// Most lines the input box grows to before it scrolls.
    static constexpr int kMaxVisibleLines = 5;

private:
    static int onInputEvent(ImGuiInputTextCallbackData* data);
    int visibleLines() const;

    InputHistory m_history;
    std::string m_recalled; // the text ↑/↓ last put in the box
    bool m_focusInput = true;
    bool m_focusName = false;
    bool m_movedFocus = false;
    bool m_inputActive = false;
};

} // namespace app

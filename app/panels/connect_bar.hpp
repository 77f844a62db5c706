#pragma once
// The top bar: the server field, the connect button and the connection state, always visible
// (connecting / online / reconnecting in Ns / offline: reason). In a narrow window the field shrinks and
// the state is cut short with an ellipsis (all of it in a tooltip), so nothing runs under the next item.
#include <cstdint>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/fonts/glyph_set.hpp"
#include "app/model/chat_model.hpp"

namespace app {

class ConnectBar {
public:
    /// The server field's text ("host:port", or a list "host:port,host:port" of one room's servers).
    std::string server;

    /// Where the bar's parts were drawn last (screen coordinates), for the window's report.
    struct Layout {
        ImRect server, connect, state;
    };

    /// Draws the bar, ending before rightEdge (window x); returns true when the user asked to connect
    /// (button, or Enter in the field).
    bool draw(const ChatModel& model, std::int64_t steadyNowMs, GlyphSet& glyphs, float rightEdge);
    /// The state line as shown, e.g. "reconnecting in 3s (connection refused)".
    static std::string stateText(const ChatModel& model, std::int64_t steadyNowMs);
    const Layout& layout() const { return m_layout; }

private:
    Layout m_layout;
};

} // namespace app

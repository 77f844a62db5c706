#pragma once
// The top bar: the server field, the connect button and the connection state, always visible
// (connecting / online / reconnecting in Ns / offline: reason).
#include <cstdint>
#include <string>

#include "app/fonts/glyph_set.hpp"
#include "app/model/chat_model.hpp"

namespace app {

class ConnectBar {
public:
    /// The server field's text ("host:port").
    std::string server;

    /// Draws the bar; returns true when the user asked to connect (button, or Enter in the field).
    bool draw(const ChatModel& model, std::int64_t steadyNowMs, GlyphSet& glyphs);
    /// The state line as shown, e.g. "reconnecting in 3s (connection refused)".
    static std::string stateText(const ChatModel& model, std::int64_t steadyNowMs);
};

} // namespace app

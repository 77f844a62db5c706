#pragma once
// The top bar: the server field, the connect button and the connection state, always visible
// (connecting / online / reconnecting in Ns / offline: reason). In a narrow window the field shrinks and
// the state is cut short with an ellipsis (all of it in a tooltip), so nothing runs under the next item.
// Beside the field, the rooms found on the local network (room_list.hpp).
#include <cstdint>
#include <optional>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/fonts/glyph_set.hpp"
#include "app/model/chat_model.hpp"
#include "app/panels/room_list.hpp"

namespace app {

class ConnectBar {
public:
    /// The server field's text ("host:port", or a list "host:port,host:port" of one room's servers).
    std::string server;

    /// Where the bar's parts were drawn last (screen coordinates), for the window's report.
    struct Layout {
        ImRect server, rooms, connect, state;
    };
    /// What the user asked for in this frame.
    struct Asked {
        bool connect = false;          // the Connect button, or Enter in the field
        std::optional<LanRoom> room{}; // a room of the list (the field now names its servers)
    };

    /// Draws the bar, ending before rightEdge (window x), with the rooms found on the local network.
    Asked draw(const ChatModel& model, std::int64_t steadyNowMs, GlyphSet& glyphs, float rightEdge,
               const RoomList::Found& lan);
    /// The state line as shown, e.g. "reconnecting in 3s (connection refused)".
    static std::string stateText(const ChatModel& model, std::int64_t steadyNowMs);
    const Layout& layout() const { return m_layout; }
    /// The list's rows while it is open.
    const std::vector<RoomList::Row>& roomRows() const { return m_rooms.rows(); }

private:
    Layout m_layout;
    RoomList m_rooms;
};

} // namespace app

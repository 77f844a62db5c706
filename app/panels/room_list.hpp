#pragma once
// The connect bar's "rooms nearby" button and the list it opens: the rooms announced on the local network,
// each with its name, servers, head-count and whether it encrypts; a click on one chooses it. The key
// fingerprint a room announces is shown to compare with the one the trust dialog shows, never trusted.
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/model/lan_rooms.hpp"
#include "app/text/i18n.hpp"

namespace app {

class RoomList {
public:
    /// What the list shows.
    struct Found {
        const std::vector<LanRoom>& rooms;
        bool daemonRunning = false;
        bool canLook = true; // false: no button at all (the Windows build; no system bus)
        std::string
            joined{}; // the server this window is in now ("host:port"; "" when offline): its row shows it
    };
    /// A row as drawn last, for the window's report.
    struct Row {
        ImRect rect;
        std::string name;
        bool joined = false; // the window is in this room now
    };

    /// The button's width (0 when there is none); compact: an arrow alone, for a narrow window.
    static float buttonWidth(const Strings& s, const Found& found, bool compact);
    /// Draws the button where the cursor is and, while open, the list under it; the room clicked, if any.
    std::optional<LanRoom> draw(const Strings& s, const Found& found, bool compact);

    const ImRect& button() const { return m_button; }
    /// The list's rows, while it is open (empty when closed or not drawn).
    const std::vector<Row>& rows() const { return m_rows; }

private:
    ImRect m_button;
    std::vector<Row> m_rows;
};

} // namespace app

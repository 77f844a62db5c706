#pragma once
// Colours of the scrollback (one place, so a light theme can be added beside the dark one).
#include <imgui.h>

namespace app {

struct Theme {
    ImU32 text = IM_COL32(235, 235, 235, 255);
    ImU32 stamp = IM_COL32(140, 140, 150, 255);
    ImU32 name = IM_COL32(120, 180, 255, 255);
    ImU32 myName = IM_COL32(110, 210, 120, 255);
    ImU32 privateLabel = IM_COL32(230, 120, 220, 255);
    ImU32 privateText = IM_COL32(245, 200, 240, 255);
    ImU32 notice = IM_COL32(150, 150, 150, 255);
    ImU32 separator = IM_COL32(230, 190, 80, 255);
    ImU32 prompt = IM_COL32(255, 110, 90, 255);
    ImU32 storedNote = IM_COL32(200, 160, 90, 255);
};

/// The dark theme (ImGui's StyleColorsDark underneath).
inline const Theme& darkTheme() {
    static const Theme theme;
    return theme;
}

} // namespace app

#pragma once
// Colours of the scrollback for the dark and the light theme (ImGui's own widgets follow
// StyleColorsDark / StyleColorsLight, applied by applyTheme).
#include <imgui.h>

#include "app/panels/name_colour.hpp"

namespace app {

struct Theme {
    bool dark = true;
    Rgb background{15, 15, 15}; // the scrollback's background, for name colours' contrast
    ImU32 text = IM_COL32(235, 235, 235, 255);
    ImU32 stamp = IM_COL32(140, 140, 150, 255);
    ImU32 myName = IM_COL32(110, 210, 120, 255);
    ImU32 privateLabel = IM_COL32(230, 120, 220, 255);
    ImU32 privateText = IM_COL32(245, 200, 240, 255);
    ImU32 notice = IM_COL32(150, 150, 150, 255);
    ImU32 separator = IM_COL32(230, 190, 80, 255);
    ImU32 prompt = IM_COL32(255, 110, 90, 255);
    ImU32 link = IM_COL32(100, 170, 255, 255);
    ImU32 searchHit = IM_COL32(200, 160, 30, 110);
    ImU32 currentHit = IM_COL32(255, 140, 0, 200);
    ImU32 mention = IM_COL32(230, 190, 60, 40);      // background of a message that mentions us
    ImU32 mentionName = IM_COL32(230, 190, 60, 110); // behind our name in it
    ImU32 selection = IM_COL32(70, 110, 180, 90);
    ImU32 marker = IM_COL32(235, 80, 70, 255);
    ImU32 divider = IM_COL32(160, 160, 170, 255);
};

/// The dark theme (the default).
const Theme& darkTheme();
/// The light theme.
const Theme& lightTheme();
/// The theme for a preference, applying ImGui's matching style colours.
const Theme& applyTheme(bool dark);

} // namespace app

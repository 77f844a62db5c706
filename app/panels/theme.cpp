#include "app/panels/theme.hpp"

namespace app {

const Theme& darkTheme() {
    static const Theme theme;
    return theme;
}

const Theme& lightTheme() {
    static const Theme theme = [] {
        Theme t;
        t.dark = false;
        t.background = Rgb{240, 240, 240};
        t.text = IM_COL32(20, 20, 25, 255);
        t.stamp = IM_COL32(105, 105, 115, 255);
        t.myName = IM_COL32(20, 120, 40, 255);
        t.privateLabel = IM_COL32(160, 40, 150, 255);
        t.privateText = IM_COL32(110, 20, 100, 255);
        t.notice = IM_COL32(100, 100, 100, 255);
        t.separator = IM_COL32(160, 110, 0, 255);
        t.prompt = IM_COL32(200, 40, 20, 255);
        t.link = IM_COL32(20, 80, 200, 255);
        t.searchHit = IM_COL32(250, 210, 60, 150);
        t.currentHit = IM_COL32(255, 150, 20, 220);
        t.mention = IM_COL32(250, 200, 60, 60);
        t.mentionName = IM_COL32(250, 200, 60, 160);
        t.selection = IM_COL32(90, 140, 230, 80);
        t.marker = IM_COL32(220, 50, 40, 255);
        t.divider = IM_COL32(110, 110, 120, 255);
        return t;
    }();
    return theme;
}

const Theme& applyTheme(bool dark) {
    ImGuiStyle& style = ImGui::GetStyle();
    if (dark) {
        ImGui::StyleColorsDark();
        style.FrameBorderSize = 0.0f;
    } else {
        ImGui::StyleColorsLight();
        // ImGui's light colours draw input boxes, unchecked checkboxes and radio buttons white on near-white:
        // invisible. A grey frame with a border makes every one of them stand out, checked or not.
        style.FrameBorderSize = 1.0f;
        style.Colors[ImGuiCol_Border] = ImVec4(0.45f, 0.45f, 0.50f, 0.65f);
        style.Colors[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.87f, 0.90f, 1.00f);
        style.Colors[ImGuiCol_CheckMark] = ImVec4(0.08f, 0.36f, 0.80f, 1.00f); // 4.5:1 on that frame
    }
    return dark ? darkTheme() : lightTheme();
}

} // namespace app

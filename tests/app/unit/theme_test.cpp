// Both themes keep every control visible: a frame (input box, checkbox, radio button) stands out from the
// window and popup behind it by its colour or by a border, and a check mark from its frame. WCAG's
// contrast ratio of relative luminances, the measure of text legibility, applied to these surfaces.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app/panels/theme.hpp"

namespace {

double channel(float c) { return c <= 0.03928f ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double luminance(const ImVec4& c) {
    return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}
double contrast(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// fg drawn over an opaque bg, with fg's alpha.
ImVec4 over(const ImVec4& fg, const ImVec4& bg) {
    const float a = fg.w;
    return ImVec4(fg.x * a + bg.x * (1 - a), fg.y * a + bg.y * (1 - a), fg.z * a + bg.z * (1 - a), 1.0f);
}

struct Context {
    Context() { ImGui::CreateContext(); }
    ~Context() { ImGui::DestroyContext(); }
};

/// Whether a frame drawn on background is seen: its own colour differs enough, or a visible border rings it.
bool frameVisible(const ImGuiStyle& s, ImGuiCol background) {
    const ImVec4 bg = over(s.Colors[background], ImVec4(0, 0, 0, 1));
    if (contrast(over(s.Colors[ImGuiCol_FrameBg], bg), bg) >= 1.25) return true;
    return s.FrameBorderSize >= 1.0f && contrast(over(s.Colors[ImGuiCol_Border], bg), bg) >= 1.5;
}

} // namespace

TEST_CASE("theme: input boxes, checkboxes and radio buttons are visible in the light theme and the dark") {
    Context context;
    for (const bool dark : {false, true, false}) { // and back: switching leaves nothing of the other behind
        CAPTURE(dark);
        app::applyTheme(dark);
        const ImGuiStyle& s = ImGui::GetStyle();
        CHECK(frameVisible(s, ImGuiCol_WindowBg));
        CHECK(frameVisible(s, ImGuiCol_PopupBg));
        const ImVec4 frame =
            over(s.Colors[ImGuiCol_FrameBg], over(s.Colors[ImGuiCol_WindowBg], ImVec4(0, 0, 0, 1)));
        CHECK(contrast(over(s.Colors[ImGuiCol_CheckMark], frame), frame) >= 3.0);
        CHECK(contrast(over(s.Colors[ImGuiCol_Text], frame), frame) >= 4.5);
        CHECK((s.FrameBorderSize > 0.0f) == !dark);
    }
}

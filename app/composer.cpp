#include "app/composer.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace app {

float Composer::height() { return ImGui::GetStyle().ItemSpacing.y + ImGui::GetFrameHeightWithSpacing(); }

Composer::Result Composer::draw(const Strings& s, GlyphSet& glyphs) {
    Result r;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.name);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    ImGui::InputText("##name", &name);
    if (ImGui::IsItemEdited()) glyphs.addText(name); // pasted text never passes the char callback
    r.nameChanged = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SameLine();

    const float sendWidth = ImGui::CalcTextSize(s.send).x + style.FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - sendWidth - style.ItemSpacing.x);
    m_movedFocus = m_focusInput;
    if (m_focusInput) {
        ImGui::SetKeyboardFocusHere();
        m_focusInput = false;
    }
    const bool enter = ImGui::InputText("##input", &text, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited()) glyphs.addText(text);
    if (enter) { // Enter leaves the box in ImGui: take the focus back
        ImGui::SetKeyboardFocusHere(-1);
        m_movedFocus = true;
    }
    ImGui::SameLine();
    const bool click = ImGui::Button(s.send);
    if (click) m_focusInput = true;
    r.send = enter || click;
    return r;
}

} // namespace app

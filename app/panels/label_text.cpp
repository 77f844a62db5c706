#include "app/panels/label_text.hpp"

namespace app {

std::string shownAsLabel(std::string_view text) {
    std::string shown;
    shown.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '#' && i > 0 && text[i - 1] == '#') shown += "\uFF03";
        else shown += text[i];
    }
    return shown;
}

SelectableText selectableText(const char* id, std::string_view text, bool selected,
                              ImGuiSelectableFlags flags) {
    const ImVec2 at = ImGui::GetCursorPos();
    SelectableText row;
    row.clicked = ImGui::Selectable(id, selected, flags, ImVec2(0.0f, ImGui::GetTextLineHeight()));
    row.hovered = ImGui::IsItemHovered();
    row.rect = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine();
    ImGui::SetCursorPos(at);
    if (flags & ImGuiSelectableFlags_Disabled)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    if (flags & ImGuiSelectableFlags_Disabled) ImGui::PopStyleColor();
    return row;
}

} // namespace app

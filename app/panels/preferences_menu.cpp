#include "app/panels/preferences_menu.hpp"

#include <imgui.h>

namespace app {

bool drawPreferencesMenu(const Strings& s, Lang shown, Preferences& prefs, AccountAction offer,
                         AccountAction& chosen, bool notifications) {
    chosen = AccountAction::None;
    if (ImGui::Button(s.settings)) ImGui::OpenPopup("##prefs");
    if (!ImGui::BeginPopup("##prefs")) return false;
    const Preferences before = prefs;
    ImGui::Checkbox(s.darkTheme, &prefs.dark);
    ImGui::Checkbox(s.showTimestamps, &prefs.timestamps);
    if (notifications) {
        ImGui::Checkbox(s.notificationsSetting, &prefs.notifications);
    } else {
        bool off = false; // shown unticked: nothing would come of it
        ImGui::BeginDisabled();
        ImGui::Checkbox(s.notificationsSetting, &off);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", s.notificationsUnavailable);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.language);
    ImGui::SameLine();
    if (ImGui::RadioButton("中文", shown == Lang::Zh)) prefs.lang = "zh";
    ImGui::SameLine();
    if (ImGui::RadioButton("English", shown == Lang::En)) prefs.lang = "en";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(format(s.fontSize, static_cast<double>(prefs.fontSize)).c_str());
    ImGui::SameLine();
    if (ImGui::Button(" - ")) prefs.fontSize = stepFontSize(prefs.fontSize, -1);
    ImGui::SameLine();
    if (ImGui::Button(" + ")) prefs.fontSize = stepFontSize(prefs.fontSize, 1);
    if (offer != AccountAction::None) {
        ImGui::Separator();
        if (ImGui::Selectable(offer == AccountAction::Register ? s.registerName : s.changePassword))
            chosen = offer;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return !(prefs == before);
}

} // namespace app

#include "app/panels/scrollback/entry_menu.hpp"

#include <imgui.h>

namespace app {

EntryAction drawEntryMenu(const Strings& s, bool onLink, std::size_t selected, bool failed, bool canReply) {
    EntryAction action = EntryAction::None;
    if (!ImGui::BeginPopup(kEntryMenuId)) return action;
    if (failed) {
        if (ImGui::MenuItem(s.retry)) action = EntryAction::Retry;
        ImGui::Separator();
    }
    if (onLink) {
        if (ImGui::MenuItem(s.openLink)) action = EntryAction::OpenLink;
        if (ImGui::MenuItem(s.copyLink)) action = EntryAction::CopyLink;
        ImGui::Separator();
    }
    if (ImGui::MenuItem(s.copyText)) action = EntryAction::CopyText;
    if (ImGui::MenuItem(s.copyWithStamp)) action = EntryAction::CopyWithStamp;
    if (selected > 1 && ImGui::MenuItem(format(s.copySelected, selected).c_str()))
        action = EntryAction::CopySelected;
    ImGui::Separator();
    if (ImGui::MenuItem(s.copyAll)) action = EntryAction::CopyAll;
    if (ImGui::MenuItem(s.saveTranscript)) action = EntryAction::SaveTranscript;
    if (canReply) {
        ImGui::Separator();
        if (ImGui::MenuItem(s.reply)) action = EntryAction::Reply;
    }
    ImGui::EndPopup();
    return action;
}

} // namespace app

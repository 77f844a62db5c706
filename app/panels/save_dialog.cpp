#include "app/panels/save_dialog.hpp"

#include <ctime>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/io/user_folders.hpp"

namespace app {

void SaveDialog::open(std::string path) {
    m_path = std::move(path);
    m_openRequested = true;
}

std::optional<std::string> SaveDialog::draw(const Strings& s, GlyphSet& glyphs) {
    if (m_openRequested) {
        ImGui::OpenPopup(s.saveTranscript);
        m_openRequested = false;
        m_focus = true;
    }
    std::optional<std::string> chosen;
    if (!ImGui::BeginPopupModal(s.saveTranscript, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return chosen;
    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30.0f);
    bool enter = ImGui::InputText("##path", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
    // Enter is the Save button even before the box has taken the focus.
    enter |= !ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (ImGui::IsItemEdited()) glyphs.addText(m_path);
    if ((ImGui::Button(s.save) || enter) && !m_path.empty()) {
        chosen = m_path;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(s.cancel) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

std::string defaultTranscriptPath(const char* home, const std::string& conversation, std::uint64_t utcMs) {
    const auto seconds = static_cast<std::time_t>(utcMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char stamp[32];
    const std::size_t n = std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    std::string name = conversation.empty() ? "room" : conversation;
    for (char& c : name) {
        if (reservedInFileName(c)) c = '_'; // a name is one path component
    }
    const std::string dir = home && *home ? home : ".";
    const char separator = static_cast<char>(std::filesystem::path::preferred_separator);
    return dir + separator + "imchat-" + name + "-" + std::string(stamp, n) + ".txt";
}

} // namespace app

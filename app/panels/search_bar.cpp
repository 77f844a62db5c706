#include "app/panels/search_bar.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace app {

void SearchBar::open() {
    m_open = true;
    m_focus = true;
}

void SearchBar::close() {
    m_open = false;
    m_query.clear();
}

std::string SearchBar::status(const Strings& s, const SearchIndex& index) {
    if (index.query().empty()) return {};
    std::string text;
    if (index.hitCount() > 0) text = format(s.searchCount, index.currentRank(), index.hitCount());
    else if (index.complete()) text = s.searchNone;
    if (!index.complete()) text += (text.empty() ? "" : "  ") + std::string(s.searching);
    return text;
}

SearchBar::Move SearchBar::draw(const Strings& s, const SearchIndex& index, GlyphSet& glyphs) {
    if (!m_open) return Move::None;
    Move move = Move::None;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.find);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    if (ImGui::InputText("##find", &m_query, ImGuiInputTextFlags_EnterReturnsTrue)) {
        move = io.KeyShift ? Move::Previous : Move::Next;
        m_focus = true; // Enter leaves the box: keep typing there
    }
    if (ImGui::IsItemEdited()) glyphs.addText(m_query);
    // Escape leaves (and reverts) the box in ImGui; here it closes the bar.
    if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        move = Move::Close;
    ImGui::SameLine();
    if (ImGui::ArrowButton("##older", ImGuiDir_Up)) move = Move::Next;
    ImGui::SameLine();
    if (ImGui::ArrowButton("##newer", ImGuiDir_Down)) move = Move::Previous;
    ImGui::SameLine();
    if (ImGui::Button("x")) move = Move::Close;
    ImGui::SameLine();
    ImGui::TextUnformatted(status(s, index).c_str());
    return move;
}

} // namespace app

#include "app/panels/trust_dialog.hpp"

#include <imgui.h>

namespace app {
namespace {

constexpr const char* kPopupId = "##trust";

void drawFingerprint(const char* label, const std::string& hex, const ImVec4& colour) {
    if (label) ImGui::TextDisabled("%s", label);
    ImGui::Indent();
    ImGui::TextColored(colour, "%s", fingerprintBlock(hex).c_str());
    ImGui::Unindent();
}

} // namespace

void TrustDialog::noteControl(const char* label, bool enabled) {
    m_controls.push_back({label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), enabled});
}

std::string fingerprintBlock(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 4) {
        if (i > 0) out += i % 16 == 0 ? '\n' : ' ';
        out += hex.substr(i, 4);
    }
    return out;
}

TrustDialog::Answer TrustDialog::draw(const ChatModel& model, const std::string& knownServers,
                                      GlyphSet& glyphs) {
    m_controls.clear();
    const LinkStatus& link = model.link();
    const bool asking = link.state == LinkState::KeyUnknown || link.state == LinkState::KeyChanged;
    if (!asking) {
        m_askedFor.clear();
        return Answer::None;
    }
    const Strings& s = strings(model.lang());
    const bool changed = link.state == LinkState::KeyChanged;
    const std::string title = std::string(changed ? s.keyChangedTitle : s.trustTitle) + kPopupId;
    if (m_askedFor != link.serverKey) { // a new question: ask it
        m_askedFor = link.serverKey;
        m_checked = false;
        ImGui::OpenPopup(title.c_str());
    }
    Answer answer = Answer::None;
    const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f);
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(
        ImVec2(std::min(ImGui::GetFontSize() * 32.0f, ImGui::GetIO().DisplaySize.x - 20.0f), 0));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoMove)) return answer;
    const std::string explain = format(changed ? s.keyChangedExplain : s.trustExplain, link.endpoint.c_str());
    glyphs.addText(explain);
    ImGui::TextWrapped("%s", explain.c_str());
    ImGui::Spacing();
    if (changed) {
        drawFingerprint(s.keyWas, link.pinnedKey, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        drawFingerprint(s.keyNow, link.serverKey, ImVec4(1.00f, 0.55f, 0.45f, 1.0f));
        const std::string how = format(s.keyChangedHow, knownServers.c_str());
        glyphs.addText(how);
        ImGui::Spacing();
        ImGui::TextWrapped("%s", how.c_str());
        ImGui::Checkbox(s.keyChecked, &m_checked);
        noteControl(s.keyChecked, true);
        ImGui::BeginDisabled(!m_checked);
        if (ImGui::Button(s.trustNewKey)) answer = Answer::Trust;
        noteControl(s.trustNewKey, m_checked);
        ImGui::EndDisabled();
    } else {
        drawFingerprint(nullptr, link.serverKey, ImVec4(0.55f, 0.85f, 1.00f, 1.0f));
        ImGui::Spacing();
        if (ImGui::Button(s.trust)) answer = Answer::Trust;
        noteControl(s.trust, true);
    }
    ImGui::SameLine();
    if (ImGui::Button(s.cancel) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        answer = Answer::Decline;
    noteControl(s.cancel, true);
    if (answer != Answer::None) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return answer;
}

} // namespace app

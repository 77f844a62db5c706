#include "app/panels/connect_bar.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace app {
namespace {

ImVec4 stateColour(LinkState state) {
    switch (state) {
    case LinkState::Online: return ImVec4(0.45f, 0.85f, 0.45f, 1.0f);
    case LinkState::Connecting:
    case LinkState::Joining: return ImVec4(0.95f, 0.85f, 0.40f, 1.0f);
    case LinkState::Reconnecting:
    case LinkState::KeyUnknown: return ImVec4(1.00f, 0.65f, 0.30f, 1.0f);
    case LinkState::Offline:
    case LinkState::KeyChanged: return ImVec4(1.00f, 0.45f, 0.40f, 1.0f);
    case LinkState::NoName: break;
    }
    return ImVec4(0.65f, 0.65f, 0.65f, 1.0f);
}

} // namespace

std::string ConnectBar::stateText(const ChatModel& model, std::int64_t steadyNowMs) {
    const Strings& s = strings(model.lang());
    const LinkStatus& link = model.link();
    switch (link.state) {
    case LinkState::NoName: return s.stateNoName;
    case LinkState::Connecting: return format(s.stateConnecting, link.endpoint.c_str());
    case LinkState::Joining: return format(s.stateJoining, link.endpoint.c_str());
    case LinkState::Online: {
        std::string text = format(s.stateOnline, model.me().c_str(), link.endpoint.c_str());
        if (link.signedIn) text += std::string(" \u00B7 ") + s.signedInBadge;
        return text;
    }
    case LinkState::KeyUnknown: return format(s.stateKeyUnknown, link.endpoint.c_str());
    case LinkState::KeyChanged: return format(s.stateKeyChanged, link.endpoint.c_str());
    case LinkState::Reconnecting: {
        const std::int64_t leftMs = link.retryAtMs - steadyNowMs;
        const int seconds = leftMs > 0 ? static_cast<int>((leftMs + 999) / 1000) : 0;
        return format(s.stateReconnecting, seconds, link.reason.c_str());
    }
    case LinkState::Offline: break;
    }
    return format(s.stateOffline, link.reason.c_str());
}

bool ConnectBar::draw(const ChatModel& model, std::int64_t steadyNowMs, GlyphSet& glyphs) {
    const Strings& s = strings(model.lang());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.server);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
    bool connect = ImGui::InputText("##server", &server, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited()) glyphs.addText(server);
    ImGui::SameLine();
    connect |= ImGui::Button(s.connect);
    ImGui::SameLine();
    // The state dot is drawn, not a glyph: no font needs U+25CF.
    const float r = ImGui::GetFontSize() * 0.3f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFrameHeight() * 0.5f), r,
                                                ImGui::GetColorU32(stateColour(model.link().state)));
    ImGui::Dummy(ImVec2(r * 2.0f, ImGui::GetFrameHeight()));
    ImGui::SameLine();
    const std::string state = stateText(model, steadyNowMs);
    glyphs.addText(state); // the reason comes from the network thread and may hold anything
    ImGui::TextUnformatted(state.c_str());
    if (!model.link().encrypted) {
        // Always in sight while it is true: whoever shares the network reads every word.
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.00f, 0.45f, 0.40f, 1.0f), "%s", s.notEncrypted);
    }
    return connect;
}

} // namespace app

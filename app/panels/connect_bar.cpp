#include "app/panels/connect_bar.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/panels/elide.hpp"

namespace app {
namespace {

ImVec4 stateColour(const LinkStatus& link) {
    if (link.state == LinkState::Online && link.readOnly) return ImVec4(1.00f, 0.65f, 0.30f, 1.0f);
    switch (link.state) {
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
        if (link.readOnly) text += std::string(" \u00B7 ") + s.readOnlyBadge;
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

ConnectBar::Asked ConnectBar::draw(const ChatModel& model, std::int64_t steadyNowMs, GlyphSet& glyphs,
                                   float rightEdge, const RoomList::Found& lan) {
    const Strings& s = strings(model.lang());
    const ImGuiStyle& style = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.server);
    ImGui::SameLine();
    // The field gives way to the state down to 7 em, so "host:port" stays readable.
    const float connectWidth = ImGui::CalcTextSize(s.connect).x + style.FramePadding.x * 2.0f;
    const float r = em * 0.3f; // the state dot's radius
    const float base =
        rightEdge - ImGui::GetCursorPosX() - connectWidth - r * 2.0f - style.ItemSpacing.x * 4.0f;
    // The rooms button shrinks to an arrow before the field goes below its 7 em.
    const bool compact = base - RoomList::buttonWidth(s, lan, false) - em * 8.0f < em * 7.0f;
    const float room = base - RoomList::buttonWidth(s, lan, compact);
    ImGui::SetNextItemWidth(std::clamp(room - em * 8.0f, em * 7.0f, em * 14.0f));
    Asked asked;
    asked.connect = ImGui::InputText("##server", &server, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited()) glyphs.addText(server);
    m_layout.server = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (lan.canLook) {
        ImGui::SameLine(0.0f, 0.0f); // the list belongs to the field, as a combo's arrow does
        if ((asked.room = m_rooms.draw(s, lan, compact))) server = asked.room->serverList();
    }
    m_layout.rooms = m_rooms.button();
    ImGui::SameLine();
    asked.connect |= ImGui::Button(s.connect);
    m_layout.connect = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine();
    // The state dot is drawn, not a glyph: no font needs U+25CF.
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFrameHeight() * 0.5f), r,
                                                ImGui::GetColorU32(stateColour(model.link())));
    ImGui::Dummy(ImVec2(r * 2.0f, ImGui::GetFrameHeight()));
    ImGui::SameLine();

    const std::string state = stateText(model, steadyNowMs);
    glyphs.addText(state); // the reason comes from the network thread and may hold anything
    // Always in sight while it is true (whoever shares the network reads every word): the state gives way.
    const char* badge = model.link().encrypted ? nullptr : s.notEncrypted;
    const float badgeWidth = badge ? ImGui::CalcTextSize(badge).x + style.ItemSpacing.x : 0.0f;
    const float stateRoom = std::max(0.0f, rightEdge - ImGui::GetCursorPosX() - badgeWidth);
    const std::string shown = elide(state, stateRoom);
    ImGui::TextUnformatted(shown.c_str());
    m_layout.state = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (shown != state && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.c_str());
    if (badge) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.00f, 0.45f, 0.40f, 1.0f), "%s", badge);
    }
    return asked;
}

} // namespace app

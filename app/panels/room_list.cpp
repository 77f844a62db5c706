#include "app/panels/room_list.hpp"

#include <algorithm>

#include "app/panels/label_text.hpp"

namespace app {
namespace {

constexpr const char* kPopup = "##rooms-nearby";

std::string buttonLabel(const Strings& s, std::size_t rooms) {
    return format(s.roomsNearby, static_cast<unsigned>(rooms));
}

/// "ab12 cd34 ..." of the first 16 digits: enough to compare by eye with the trust dialog's full key.
std::string shortFingerprint(const std::string& hex) {
    // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "..." + std::string&&.
    std::string shown;
    for (std::size_t i = 0; i < hex.size() && i < 16; i += 4) {
        if (!shown.empty()) shown += ' ';
        shown.append(hex, i, 4);
    }
    if (hex.size() > 16) shown += " \u2026";
    return shown;
}

void drawTooltip(const Strings& s, const LanRoom& room) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(room.name.c_str());
    for (const std::string& server : room.servers) ImGui::TextUnformatted(server.c_str());
    if (!room.fingerprint.empty())
        ImGui::TextUnformatted(format(s.roomKey, shortFingerprint(room.fingerprint).c_str()).c_str());
    ImGui::EndTooltip();
}

} // namespace

float RoomList::buttonWidth(const Strings& s, const Found& found, bool compact) {
    if (!found.canLook) return 0.0f;
    if (compact) return ImGui::GetFrameHeight();
    return ImGui::CalcTextSize(buttonLabel(s, found.rooms.size()).c_str()).x +
           ImGui::GetStyle().FramePadding.x * 2.0f;
}

std::optional<LanRoom> RoomList::draw(const Strings& s, const Found& found, bool compact) {
    m_rows.clear();
    m_button = ImRect();
    if (!found.canLook) return std::nullopt;
    const std::string label = buttonLabel(s, found.rooms.size());
    if (compact ? ImGui::ArrowButton("##rooms-arrow", ImGuiDir_Down)
                : ImGui::Button((label + kPopup).c_str()))
        ImGui::OpenPopup(kPopup);
    if (compact && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label.c_str());
    m_button = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SetNextWindowPos(ImVec2(m_button.Min.x, m_button.Max.y));
    ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 22.0f, 0.0f), ImVec2(FLT_MAX, FLT_MAX));
    if (!ImGui::BeginPopup(kPopup)) return std::nullopt;

    ImGui::TextDisabled("%s", s.roomsTitle);
    ImGui::Separator();
    std::optional<LanRoom> chosen;
    if (found.rooms.empty()) ImGui::TextUnformatted(found.daemonRunning ? s.roomsNone : s.roomsNoDaemon);
    else if (ImGui::BeginTable("##rooms", 4, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        const ImVec4 good(0.45f, 0.85f, 0.45f, 1.0f), bad(1.00f, 0.45f, 0.40f, 1.0f);
        for (std::size_t i = 0; i < found.rooms.size(); ++i) {
            const LanRoom& room = found.rooms[i];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(static_cast<int>(i));
            const ImGuiSelectableFlags flags =
                ImGuiSelectableFlags_SpanAllColumns | (room.compatible ? 0 : ImGuiSelectableFlags_Disabled);
            const bool here = !found.joined.empty() && std::find(room.servers.begin(), room.servers.end(),
                                                                 found.joined) != room.servers.end();
            const SelectableText row = selectableText("##room", room.name, here, flags);
            if (row.clicked) chosen = room;
            m_rows.push_back({row.rect, room.name, here});
            if (row.hovered) drawTooltip(s, room);
            ImGui::PopID();
            ImGui::TableSetColumnIndex(1);
            if (room.servers.size() == 1) ImGui::TextUnformatted(room.servers.front().c_str());
            else
                ImGui::TextUnformatted(
                    format(s.roomServers, static_cast<unsigned>(room.servers.size())).c_str());
            ImGui::TableSetColumnIndex(2);
            if (!room.compatible) ImGui::TextDisabled("%s", s.roomNewerVersion);
            else if (room.online) ImGui::TextUnformatted(format(s.roomOnline, *room.online).c_str());
            ImGui::TableSetColumnIndex(3);
            if (room.tls) ImGui::TextColored(good, "%s", s.roomEncrypted);
            else ImGui::TextColored(bad, "%s", s.notEncrypted);
        }
        ImGui::EndTable();
    }
    if (chosen) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

} // namespace app

#include "app/panels/user_list.hpp"

#include <imgui.h>

#include "app/panels/label_text.hpp"
#include "net/validation.hpp"

namespace app {

std::string UserList::draw(const ChatModel& model, const Theme& theme) {
    const Strings& s = strings(model.lang());
    const auto& users = model.users();
    ImGui::TextUnformatted(format(s.usersTitle, static_cast<unsigned>(users.size())).c_str());
    // Offline, the list is who was there when the link broke: said so, and greyed.
    const bool stale = model.link().state != LinkState::Online;
    if (stale) ImGui::TextWrapped("%s", s.usersStale);
    ImGui::Separator();
    if (stale) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.45f);
    std::string clicked;
    const std::string me = net::nameKey(model.me());
    ImGuiListClipper clipper; // one row per user, equal heights: the clipper fits here
    clipper.Begin(static_cast<int>(users.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::string& name = users[static_cast<std::size_t>(i)];
            const bool self = net::nameKey(name) == me;
            const std::string label = self ? name + s.you : name;
            ImGui::PushID(i);
            // Each name in the colour its messages show it in.
            const Rgb c = nameColour(name, theme.background);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(
                                                     self ? theme.myName : IM_COL32(c.r, c.g, c.b, 255)));
            // A lab client's user takes no private messages: its name explains itself instead.
            const bool lab = net::isLabName(name);
            const SelectableText row = selectableText("##user", label, false);
            if (row.clicked && !self && !lab) clicked = name;
            if (lab && row.hovered) ImGui::SetTooltip("%s", s.labUser);
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    if (stale) ImGui::PopStyleVar();
    return clicked;
}

} // namespace app

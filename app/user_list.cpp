#include "app/user_list.hpp"

#include <imgui.h>

#include "net/validation.hpp"

namespace app {

std::string UserList::draw(const ChatModel& model) {
    const Strings& s = strings(model.lang());
    const auto& users = model.users();
    ImGui::TextUnformatted(format(s.usersTitle, static_cast<unsigned>(users.size())).c_str());
    ImGui::Separator();
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
            if (self) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.45f, 0.85f, 0.5f, 1.0f));
            if (ImGui::Selectable(label.c_str(), false) && !self) clicked = name;
            if (self) ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    return clicked;
}

} // namespace app

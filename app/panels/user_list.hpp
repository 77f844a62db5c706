#pragma once
// The side panel: who is online, with the count; clicking a name opens the private conversation (not for a
// user of the lab's own client, marked " (lab)", who takes none).
#include <string>

#include "app/model/chat_model.hpp"
#include "app/panels/theme.hpp"

namespace app {

class UserList {
public:
    /// Draws the list; returns the name the user clicked ("" when none).
    std::string draw(const ChatModel& model, const Theme& theme);
};

} // namespace app

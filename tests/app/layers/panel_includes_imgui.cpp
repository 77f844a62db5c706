// Built by the layers/ test with imchat_app_ui's settings: must succeed (the control: panels draw with
// ImGui).
#include <imgui.h>

int frameCount() { return ImGui::GetFrameCount(); }

// Built by the layers/ test with imchat_app_core's settings: must fail (the model knows no ImGui).
#include <imgui.h>

int frameCount() { return ImGui::GetFrameCount(); }

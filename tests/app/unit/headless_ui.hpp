#pragma once
// An ImGui context with no window and no GPU, for driving panels frame by frame in unit tests: the mouse,
// keys (GLFW key codes, as the real backend maps them) and typed characters are set by the test.
#include <imgui.h>

namespace apptest {

/// GLFW key codes the tests press.
enum Key : int { kEnter = 257, kUp = 265, kDown = 264, kLeftShift = 340, kLeftCtrl = 341 };

class HeadlessUi {
public:
    HeadlessUi(float width = 800.0f, float height = 600.0f) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.KeyMap[ImGuiKey_Enter] = kEnter;
        io.KeyMap[ImGuiKey_UpArrow] = kUp;
        io.KeyMap[ImGuiKey_DownArrow] = kDown;
        io.Fonts->AddFontDefault();
        io.Fonts->Build();
    }
    ~HeadlessUi() { ImGui::DestroyContext(); }
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    /// One frame: draw() runs inside a window filling the display; input set before it applies to it.
    template <typename Draw>
    void frame(Draw&& draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("main", nullptr, ImGuiWindowFlags_NoDecoration);
        draw();
        ImGui::End();
        ImGui::Render();
        io.MouseWheel = 0.0f;
    }
    /// The user turns the mouse wheel over (x, y) (positive: up).
    void wheel(float notches, ImVec2 at = ImVec2(400.0f, 300.0f)) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseWheel = notches;
    }
    /// Moves the mouse and sets a button's state.
    void mouse(ImVec2 at, int button, bool down) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseDown[button] = down;
    }
    /// Sets a key's state (and the modifier flags for Shift/Ctrl).
    void key(int code, bool down) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[code] = down;
        if (code == kLeftShift) io.KeyShift = down;
        if (code == kLeftCtrl) io.KeyCtrl = down;
    }
    /// Types characters (UTF-8).
    void type(const char* utf8) { ImGui::GetIO().AddInputCharactersUTF8(utf8); }
};

} // namespace apptest

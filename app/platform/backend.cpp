#include "app/platform/backend.hpp"

#include <cstdio>
#include <cstdlib>

#include "app/platform/gl.hpp"
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "app/platform/display_scale.hpp"
#include "app/platform/frame_snapshot.hpp"
#include "app/platform/input_method.hpp"

namespace app {
namespace {

void onGlfwError(int code, const char* description) {
    std::fprintf(stderr, "imchat: GLFW error %d: %s\n", code, description);
}

} // namespace

bool Backend::init(const std::string& title, int width, int height) {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) return false;
    m_glfwReady = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    hintDisplayScale();
    m_window = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!m_window) return false;
    m_title = title;
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(m_window, this);
    // Installed before ImGui's, which chains to them, so both see every character and key.
    glfwSetCharCallback(m_window, onChar);
    glfwSetKeyCallback(m_window, onKey);
    glfwSetWindowRefreshCallback(m_window, onRefresh);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;              // window layout is ours, not a file in the working directory
    io.ConfigInputTextCursorBlink = false; // an idle window draws no frames, so a blinking caret would freeze
    ImGui::StyleColorsDark();
    if (!ImGui_ImplGlfw_InitForOpenGL(m_window, true) || !ImGui_ImplOpenGL3_Init("#version 330")) {
        std::fprintf(stderr, "imchat: cannot initialise Dear ImGui's GLFW/OpenGL3 backends\n");
        return false;
    }
    m_imguiReady = true;
    followCaretWithInputMethod(m_window);
    return true;
}

Backend::~Backend() {
    if (m_imguiReady) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
    if (m_window) glfwDestroyWindow(m_window);
    if (m_glfwReady) glfwTerminate();
}

void Backend::wait(double timeoutSeconds) {
    if (timeoutSeconds < 0.0) glfwWaitEvents();
    else glfwWaitEventsTimeout(timeoutSeconds);
}

void Backend::poll() { glfwPollEvents(); }

void Backend::wake() { glfwPostEmptyEvent(); }

bool Backend::shouldClose() const { return glfwWindowShouldClose(m_window); }

void Backend::beginFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    m_deviceReady = true;
    ImGui_ImplGlfw_NewFrame();
    latchKeys();
    ImGui::NewFrame();
}

bool Backend::inputPending() const {
    const ImGuiIO& io = ImGui::GetIO();
    // The GLFW backend shows a press that was released before the frame as down for that frame; the
    // release comes with no new event.
    for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown) && b <= GLFW_MOUSE_BUTTON_LAST; ++b) {
        if (io.MouseDown[b] && glfwGetMouseButton(m_window, b) == GLFW_RELEASE) return true;
    }
    return !m_latched.empty() || !m_taps.empty();
}

void Backend::latchKeys() {
    ImGuiIO& io = ImGui::GetIO();
    // Keys latched for the last frame and released since: up now.
    for (const int key : m_latched) {
        if (glfwGetKey(m_window, key) == GLFW_RELEASE) io.KeysDown[key] = false;
    }
    if (!m_latched.empty() || m_modsForced) { // the modifiers as they really are now
        const auto down = [this](int a, int b) {
            return glfwGetKey(m_window, a) == GLFW_PRESS || glfwGetKey(m_window, b) == GLFW_PRESS;
        };
        io.KeyCtrl = down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL);
        io.KeyShift = down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT);
        io.KeyAlt = down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT);
        io.KeySuper = down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER);
    }
    m_latched.clear();
    m_modsForced = !m_taps.empty();
    // Keys tapped since the last frame: down for this one, with the modifiers held at the time.
    for (const Tap& t : m_taps) {
        if (!io.KeysDown[t.key]) m_latched.push_back(t.key);
        io.KeysDown[t.key] = true;
        io.KeyCtrl |= (t.mods & GLFW_MOD_CONTROL) != 0;
        io.KeyShift |= (t.mods & GLFW_MOD_SHIFT) != 0;
        io.KeyAlt |= (t.mods & GLFW_MOD_ALT) != 0;
        io.KeySuper |= (t.mods & GLFW_MOD_SUPER) != 0;
    }
    m_taps.clear();
}

bool Backend::endFrame(bool mustDraw, const std::function<void(int, int)>& afterRender) {
    ImGui::Render();
    int w = 0;
    int h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    snapshotFrame(*ImGui::GetDrawData(), w, h, m_next);
    if (!mustDraw && m_onScreenValid && m_next == m_onScreen) return false;
    m_onScreen.swap(m_next);
    m_onScreenValid = true;
    glViewport(0, 0, w, h);
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (afterRender) afterRender(w, h);
    glfwSwapBuffers(m_window);
    return true;
}

void Backend::reloadFontTexture() {
    if (!m_deviceReady) return; // the first NewFrame creates the texture from the current atlas anyway
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    m_onScreenValid = false; // new glyph pixels, maybe under the texture id of the old ones
}

void Backend::setMinimumSize(int width, int height) {
    glfwSetWindowSizeLimits(m_window, width, height, GLFW_DONT_CARE, GLFW_DONT_CARE);
}

void Backend::setTitle(const std::string& title) {
    if (title == m_title) return;
    m_title = title;
    glfwSetWindowTitle(m_window, title.c_str());
}

float Backend::displayScale() const { return app::displayScale(m_window); }

bool Backend::focused() const { return glfwGetWindowAttrib(m_window, GLFW_FOCUSED) == GLFW_TRUE; }

void Backend::requestAttention() { glfwRequestWindowAttention(m_window); }

void Backend::focusWindow() {
    glfwShowWindow(m_window);
    glfwFocusWindow(m_window);
}

void Backend::setIcon(int size, const unsigned char* rgba) {
    GLFWimage image{size, size, const_cast<unsigned char*>(rgba)};
    glfwSetWindowIcon(m_window, 1, &image);
}

void Backend::onKey(GLFWwindow* window, int key, int, int action, int mods) {
    auto* self = static_cast<Backend*>(glfwGetWindowUserPointer(window));
    if (self && action == GLFW_PRESS && key >= 0 &&
        key < static_cast<int>(IM_ARRAYSIZE(ImGui::GetIO().KeysDown)))
        self->m_taps.push_back({key, mods});
}

void Backend::onRefresh(GLFWwindow* window) {
    // The window system lost our contents (uncovered, restored): the next frame draws in full.
    if (auto* self = static_cast<Backend*>(glfwGetWindowUserPointer(window))) self->m_onScreenValid = false;
}

void Backend::onChar(GLFWwindow* window, unsigned codepoint) {
    auto* self = static_cast<Backend*>(glfwGetWindowUserPointer(window));
    if (self && self->m_charObserver) self->m_charObserver(codepoint);
}

} // namespace app

#pragma once
// The platform layer: one GLFW window with an OpenGL 3.3 core context, and Dear ImGui's GLFW and OpenGL3
// backends. Only the UI thread calls it, except wake(), which any thread may call.
#include <functional>
#include <string>
#include <vector>

struct GLFWwindow;

namespace app {

class Backend {
public:
    /// Opens the window and initialises ImGui; on failure prints why (GLFW's own words) and returns false.
    bool init(const std::string& title, int width, int height);
    /// Shuts ImGui and GLFW down.
    ~Backend();

    /// Blocks until an event arrives or timeoutSeconds pass (< 0: no timeout). Cheap when idle.
    void wait(double timeoutSeconds);
    /// Handles pending events without blocking.
    void poll();
    /// Wakes wait() from any thread (the network thread calls it after each event).
    static void wake();
    /// True once the user closed the window.
    bool shouldClose() const;
    /// Starts an ImGui frame (after any font atlas change was uploaded).
    void beginFrame();
    /// Renders and presents the frame, unless it would draw exactly what is on screen and nothing needs its
    /// pixels (mustDraw: a screenshot settling). afterRender (may be empty) runs before the swap, while the
    /// back buffer holds the frame. Returns whether the frame was presented.
    bool endFrame(bool mustDraw, const std::function<void(int width, int height)>& afterRender);
    /// True when ImGui has not yet seen input that already happened: a button it shows down was released,
    /// or a tapped key it shows down is up again. Another frame is needed, even with no new event.
    bool inputPending() const;
    /// Uploads the font atlas again after ImGui's atlas was rebuilt.
    void reloadFontTexture();
    /// Sets the window title.
    /// The smallest size the window manager lets the user make the window.
    void setMinimumSize(int width, int height);
    void setTitle(const std::string& title);
    /// How much larger than at 96 dpi to draw, for the window's monitor (app/platform/display_scale.hpp).
    float displayScale() const;
    /// Whether the window has the keyboard focus.
    bool focused() const;
    /// Asks the desktop to draw the user's eye to the window (taskbar flash / urgency hint).
    void requestAttention();
    /// Raises the window and gives it the keyboard focus (a click on one of its notifications).
    void focusWindow();
    /// Sets the window icon from 32-bit RGBA pixels.
    void setIcon(int size, const unsigned char* rgba);
    /// Called with each character typed (GLFW's char callback; ImGui's own handler runs too).
    void setCharObserver(std::function<void(unsigned)> observer) { m_charObserver = std::move(observer); }
    /// The GLFW window.
    GLFWwindow* window() const { return m_window; }

private:
    static void onChar(GLFWwindow* window, unsigned codepoint);
    static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void onRefresh(GLFWwindow* window);
    void latchKeys();

    GLFWwindow* m_window = nullptr;
    bool m_glfwReady = false;
    bool m_imguiReady = false;
    bool m_deviceReady = false; // the OpenGL3 backend made its device objects (on the first NewFrame)
    std::string m_title;
    // What is on screen, so an identical frame is not rendered again (moving the mouse over a still window
    // cost a whole core in llvmpipe renders). Cleared when the window's contents were lost or the font
    // texture changed under the same texture id.
    std::vector<unsigned char> m_onScreen, m_next; // frame snapshots (app/frame_snapshot.hpp)
    bool m_onScreenValid = false;
    std::function<void(unsigned)> m_charObserver;
    // Keys pressed since the last frame, and the modifiers held then: ImGui 1.86 only sees whether a key
    // is down at NewFrame, so a tap (press and release between two frames) would be lost.
    struct Tap {
        int key;
        int mods;
    };
    std::vector<Tap> m_taps;
    std::vector<int> m_latched; // keys held down for ImGui during the last frame although released
    bool m_modsForced = false;  // the last frame's modifiers came from taps
};

} // namespace app

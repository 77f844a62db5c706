#pragma once
// The event-driven frame loop: block in GLFW while nothing happens (an idle window costs no CPU), draw a
// few more frames after any activity (ImGui settles hover states and popups over 2-3 frames), and never
// spin.
namespace app {

class Backend;

/// What the loop drives; App implements it.
class FrameClient {
public:
    virtual ~FrameClient() = default;
    /// Before NewFrame: drain the network queue, rebuild fonts. True when something changed.
    virtual bool prepareFrame() = 0;
    /// Builds the ImGui frame.
    virtual void drawFrame() = 0;
    /// After rendering, before the swap (screenshots).
    virtual void afterRender(int width, int height) = 0;
    /// After the swap; changed: prepareFrame() saw something new (the benchmarks' trace).
    virtual void presented(bool changed) = 0;
    /// How long an idle wait may block, in seconds (< 0: until an event), e.g. 1 s for a countdown.
    virtual double idleTimeout() const = 0;
    /// True while frames must keep coming without events (a screenshot settling).
    virtual bool wantsFrames() const = 0;
    /// True while frames must be rendered even when they would draw what is on screen (a screenshot reads
    /// them); otherwise an unchanged frame is neither rendered nor presented.
    virtual bool wantsPixels() const = 0;
    /// True when the app wants to quit.
    virtual bool wantsExit() const = 0;
    /// True once typed keys reach the widget meant for them (the input box holds the keyboard focus).
    virtual bool readyForInput() const = 0;
};

/// Runs frames until the window closes or the client wants to exit.
void runFrameLoop(Backend& backend, FrameClient& client);

} // namespace app

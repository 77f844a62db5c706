#include "app/platform/frame_loop.hpp"

#include "app/platform/backend.hpp"

namespace app {
namespace {

/// Frames drawn after the last sign of activity (Tracy uses 3 for the same reason).
constexpr int kExtraFrames = 3;
/// Most frames drawn before the first events are read, waiting for the input box to take the focus.
constexpr int kMaxStartFrames = 4;

/// One frame; true when something changed or input is still being settled.
bool runOneFrame(Backend& backend, FrameClient& client) {
    const bool changed = client.prepareFrame();
    backend.beginFrame();
    client.drawFrame();
    if (backend.endFrame(client.wantsPixels(), [&client](int w, int h) { client.afterRender(w, h); }))
        client.presented(changed);
    return changed || client.wantsFrames() || backend.inputPending();
}

} // namespace

void runFrameLoop(Backend& backend, FrameClient& client) {
    // ImGui gives the input box the focus a frame after it is asked for, and keys read before then reach
    // no widget and are lost. Until it holds the focus, events are not read: what a person (or a test)
    // types while the window starts waits in the window system's queue.
    for (int i = 0; i < kMaxStartFrames && !client.readyForInput() && !client.wantsExit(); ++i)
        runOneFrame(backend, client);
    int framesLeft = kExtraFrames;
    while (!backend.shouldClose() && !client.wantsExit()) {
        if (framesLeft > 0) {
            backend.poll();
        } else {
            backend.wait(client.idleTimeout()); // woken by input, glfwPostEmptyEvent, or the timeout
            framesLeft = kExtraFrames;
        }
        if (runOneFrame(backend, client)) framesLeft = kExtraFrames;
        else --framesLeft;
    }
}

} // namespace app

#include "app/frame_loop.hpp"

#include "app/backend.hpp"
#include "app/bench_trace.hpp"

namespace app {
namespace {

/// Frames drawn after the last sign of activity (Tracy uses 3 for the same reason).
constexpr int kExtraFrames = 3;

} // namespace

void runFrameLoop(Backend& backend, FrameClient& client) {
    int framesLeft = kExtraFrames;
    while (!backend.shouldClose() && !client.wantsExit()) {
        if (framesLeft > 0) {
            backend.poll();
        } else {
            backend.wait(client.idleTimeout()); // woken by input, glfwPostEmptyEvent, or the timeout
            framesLeft = kExtraFrames;
        }
        const bool changed = client.prepareFrame();
        backend.beginFrame();
        client.drawFrame();
        if (backend.endFrame(client.wantsPixels(), [&client](int w, int h) { client.afterRender(w, h); }))
            trace::presented(changed); // IMCHAT_BENCH_TRACE only
        if (changed || client.wantsFrames() || backend.inputPending()) framesLeft = kExtraFrames;
        else --framesLeft;
    }
}

} // namespace app

#pragma once
// The scrollback at a million messages, measured in this process with the real drawing code: a ChatModel
// fed Chat events, the glyph atlas built from the fonts fontconfig finds (CJK included), and the real
// Scrollback panel drawn in an ImGui context frame by frame (NewFrame..Render; the draw lists are built
// but not sent to a GPU). Reports memory per message, the one-time layout, resizes and CPU per frame while
// jumping over the whole range and turning the wheel.
#include <cstddef>
#include <string>
#include <vector>

#include "bench/client/layout_probe.hpp"

namespace cbench {

struct ScrollOptions {
    std::size_t messages = 1'000'000;
    int jumps = 200;       // positions spread over the whole range, visited in order top to bottom
    int wheelSteps = 4;    // wheel notches (alternately down and up) after each jump
    float width = 1100.0f; // the window's default size
    float height = 720.0f;
};

struct ScrollResult {
    double textBytes = 0.0;   // mean UTF-8 bytes of a message's text
    double modelBytes = 0.0;  // per message: ChatModel (texts, entries, interned names)
    double layoutBytes = 0.0; // per message: the scrollback's layout cache
    double rssBytes = 0.0;    // per message: resident memory growth over loading and laying out
    double loadMs = 0.0;      // CPU to apply all Chat events (glyph set included)
    double atlasMs = 0.0;     // CPU to build the glyph atlas for every character seen
    std::size_t glyphs = 0;
    int atlasWidth = 0, atlasHeight = 0;
    double layoutMs = 0.0;         // CPU of the first frame: lays out every message
    double smallResizeMs = 0.0;    // the 3 frames after narrowing the window by 8 px
    double largeResizeMs = 0.0;    // the 3 frames after narrowing it by 400 px
    double restoreMs = 0.0;        // the 3 frames after widening it back
    double liveMs = 0.0;           // median frame at the bottom when one new message arrived
    std::vector<double> jumpMs;    // CPU of each frame that jumped to a new place
    std::vector<double> wheelMs;   // CPU of each frame that scrolled by a wheel notch
    std::vector<LayoutStep> probe; // the layout alone at the full, -8 px, -400 px and full widths again
    std::string error;             // set when something did not work (nothing drawn, wrong place)
};

/// Runs the whole sequence once in a fresh ImGui context.
ScrollResult runScrollBench(const ScrollOptions& options);

} // namespace cbench

#pragma once
// Where a resize's time goes: the scrollback's ScrollLayout driven alone (no frame around it) through a
// width change, counting the entries it measures again and the text bytes they hold.
#include <cstddef>
#include <vector>

#include <imgui.h>

#include "app/model/chat_model.hpp"

namespace cbench {

struct LayoutStep {
    float width = 0.0f;
    std::size_t remeasured = 0; // entries wrapped again
    std::size_t bytes = 0;      // text bytes of those entries
    double ms = 0.0;            // CPU of the sync
};

/// Lays the room out at each width in turn (the first is the full layout); one step per width.
std::vector<LayoutStep> probeLayout(const app::ChatModel& model, const ImFont& font,
                                    const std::vector<float>& widths);

} // namespace cbench

#pragma once
// Text cut to a width with an ellipsis, for labels that must not run under their neighbours.
#include <string>
#include <string_view>

namespace app {

/// text as it fits in width with the current ImGui font: whole, or its longest prefix (whole code points)
/// followed by "…"; "" when not even the ellipsis fits.
std::string elide(std::string_view text, float width);

} // namespace app

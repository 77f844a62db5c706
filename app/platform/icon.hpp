#pragma once
// The window icon, drawn in code (the same speech bubble as assets/imchat.svg) so no image file has to be
// found at run time.
#include <vector>

namespace app {

/// RGBA pixels (size × size, 4 bytes each) of the icon, anti-aliased.
std::vector<unsigned char> renderIcon(int size);

} // namespace app

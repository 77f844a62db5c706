#include "app/platform/display_scale.hpp"

namespace app {

void hintDisplayScale() {}

float displayScale(GLFWwindow*) { return 1.0f; }

} // namespace app

#include "app/platform/display_scale.hpp"

#include <algorithm>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace app {

void hintDisplayScale() {
    // The window's first size, and its size after a move to another monitor, grow with the monitor's scale.
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
}

float displayScale(GLFWwindow* window) {
    float x = 1.0f;
    float y = 1.0f;
    glfwGetWindowContentScale(window, &x, &y);
    return std::clamp(x, 1.0f, 4.0f); // below 96 dpi text would only get harder to read
}

} // namespace app

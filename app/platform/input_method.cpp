#include "app/platform/input_method.hpp"

namespace app {

void followCaretWithInputMethod(GLFWwindow*) {}

} // namespace app

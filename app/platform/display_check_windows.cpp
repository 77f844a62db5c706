#include "app/platform/display_check.hpp"

namespace app {

// A Windows session always has a desktop to open the window on; a service's session, which has none, makes
// glfwInit fail with GLFW's own explanation.
std::string noDisplayExplanation() { return {}; }

} // namespace app

#include "app/platform/parent_console.hpp"

namespace app {

void useParentConsole() {}

} // namespace app

#include "app/platform/parent_console.hpp"

#include <cstdio>

namespace app {

void useParentConsole() {}

void reportStartFailure(const std::string& why) { std::fprintf(stderr, "imchat: %s\n", why.c_str()); }

} // namespace app

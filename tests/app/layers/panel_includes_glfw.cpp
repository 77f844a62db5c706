// Built by the layers/ test with imchat_app_ui's settings: must fail (panels know no window system).
#include <GLFW/glfw3.h>

int initWindowSystem() { return glfwInit(); }

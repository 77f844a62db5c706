#pragma once
// The few OpenGL 1.1 calls the platform layer makes itself (viewport, clear, reading pixels back); ImGui's
// OpenGL3 backend loads everything newer on its own. Linux takes them through libepoxy; on Windows
// opengl32.dll exports GL 1.1, so the system header is enough (the types differ, hence this one #ifdef).
#ifdef _WIN32
#include <windows.h>

#include <GL/gl.h>
#else
#include <epoxy/gl.h>
#endif

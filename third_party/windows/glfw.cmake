# GLFW 3.3 for Windows: its own CMake build in this tree (a GLFW found elsewhere is hidden by the toolchain's
# find-root modes), static, without its examples, tests and docs.
set(GLFW_BUILD_EXAMPLES OFF CACHE BOOL "" FORCE)
set(GLFW_BUILD_TESTS OFF CACHE BOOL "" FORCE)
set(GLFW_BUILD_DOCS OFF CACHE BOOL "" FORCE)
set(GLFW_INSTALL OFF CACHE BOOL "" FORCE)
set(BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
add_subdirectory(${glfw3_dir} ${CMAKE_BINARY_DIR}/_glfw EXCLUDE_FROM_ALL)
add_library(imchat_glfw INTERFACE)
target_link_libraries(imchat_glfw INTERFACE glfw opengl32)
add_library(imchat::glfw ALIAS imchat_glfw)
list(APPEND IMCHAT_WINDOWS_LICENCE_FILES GLFW=${glfw3_dir}/LICENSE.md)

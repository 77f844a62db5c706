# Dear ImGui 1.86, built from Debian's source package: Debian's libimgui.a has 16-bit ImWchar, so nothing
# above U+FFFF (emoji) could be typed, held in an input box or drawn. Built here with 32-bit characters and
# the FreeType rasteriser (colour glyphs), with the GLFW and OpenGL 3 backends and imgui_stdlib, as
# libimgui.a held them. One target, imchat::imgui, for the Linux build and (later) the Windows cross-build.
include(${CMAKE_CURRENT_LIST_DIR}/debian_source.cmake)
set(IMCHAT_IMGUI_DEBIAN_VERSION 1.86+ds-1)
imchat_debian_source(imgui_dir imgui ${IMCHAT_IMGUI_DEBIAN_VERSION})

add_library(imchat_imgui STATIC
    ${imgui_dir}/imgui.cpp
    ${imgui_dir}/imgui_draw.cpp
    ${imgui_dir}/imgui_tables.cpp
    ${imgui_dir}/imgui_widgets.cpp
    ${imgui_dir}/misc/cpp/imgui_stdlib.cpp
    ${imgui_dir}/misc/freetype/imgui_freetype.cpp
    ${imgui_dir}/backends/imgui_impl_glfw.cpp
    ${imgui_dir}/backends/imgui_impl_opengl3.cpp
)
# SYSTEM: our warnings-as-errors judge our code, not ImGui's headers.
target_include_directories(imchat_imgui SYSTEM PUBLIC ${imgui_dir} ${imgui_dir}/misc/cpp ${imgui_dir}/misc/freetype)
# Public: every file that includes imgui.h must agree with the library on the size of ImWchar.
target_compile_definitions(imchat_imgui PUBLIC IMGUI_USE_WCHAR32 IMGUI_ENABLE_FREETYPE)
target_link_libraries(imchat_imgui PUBLIC imchat::freetype imchat::glfw ${CMAKE_DL_LIBS})
add_library(imchat::imgui ALIAS imchat_imgui)

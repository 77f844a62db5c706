# FreeType for Windows (ImGui's rasteriser): its own CMake build, without the optional libraries (zlib, PNG,
# HarfBuzz, Brotli, bzip2), none of which Windows has. Colour emoji in PNG strikes need PNG: see README.
set(FT_DISABLE_ZLIB ON CACHE BOOL "" FORCE)
set(FT_DISABLE_BZIP2 ON CACHE BOOL "" FORCE)
set(FT_DISABLE_PNG ON CACHE BOOL "" FORCE)
set(FT_DISABLE_HARFBUZZ ON CACHE BOOL "" FORCE)
set(FT_DISABLE_BROTLI ON CACHE BOOL "" FORCE)
set(SKIP_INSTALL_ALL ON CACHE BOOL "" FORCE)
add_subdirectory(${freetype_dir} ${CMAKE_BINARY_DIR}/_freetype EXCLUDE_FROM_ALL)
add_library(imchat_freetype INTERFACE)
target_link_libraries(imchat_freetype INTERFACE freetype)
add_library(imchat::freetype ALIAS imchat_freetype)
list(APPEND IMCHAT_WINDOWS_LICENCE_FILES FreeType=${freetype_dir}/docs/FTL.TXT)

# The Windows cross-build's dependencies (toolchain: cmake/mingw-w64-x86_64.cmake, driver: scripts/windows.sh).
# Every library comes from its Debian source package at the exact version pinned below, fetched by apt into
# the build directory (checksums checked against Debian's signed index) and built here for Windows, static;
# the header-only ones are the Linux packages' headers. Each ends as the same imchat::<name> target the Linux
# build has, so net/, server/ and app/ link the same names on both systems.
include(${CMAKE_CURRENT_LIST_DIR}/../debian_source.cmake)

set(IMCHAT_WINDOWS_PINS
    openssl=3.0.20-1~deb12u2
    libsodium=1.0.18-1+deb12u1
    icu=72.1-3+deb12u1
    sqlite3=3.40.1-2+deb12u2
    freetype=2.12.1+dfsg-5+deb12u4
    glfw3=3.3.8-1)
foreach(pin ${IMCHAT_WINDOWS_PINS})
    string(REPLACE "=" ";" pin ${pin})
    list(GET pin 0 package)
    list(GET pin 1 version)
    imchat_debian_source(${package}_dir ${package} ${version})
    set(${package}_version ${version})
endforeach()

cmake_host_system_information(RESULT IMCHAT_HOST_CORES QUERY NUMBER_OF_LOGICAL_CORES)
# The licence of each library that ends up inside the programs, for the zip and the installer.
unset(IMCHAT_WINDOWS_LICENCE_FILES CACHE) # the list is made anew on every configure

include(${CMAKE_CURRENT_LIST_DIR}/headers.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/openssl.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sodium.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/icu.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sqlite.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/freetype.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/glfw.cmake)
if(IMCHAT_BUILD_APP)
    include(${CMAKE_CURRENT_LIST_DIR}/../imgui.cmake)
    list(APPEND IMCHAT_WINDOWS_LICENCE_FILES DearImGui=${imgui_dir}/LICENSE.txt)
endif()
list(APPEND IMCHAT_WINDOWS_LICENCE_FILES SQLite=${sqlite3_dir}/LICENSE.md)
set(IMCHAT_WINDOWS_LICENCE_FILES ${IMCHAT_WINDOWS_LICENCE_FILES} CACHE INTERNAL "name=path of each licence shipped")

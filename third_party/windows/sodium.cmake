# libsodium for Windows (Argon2id, random tokens), built the way its documentation says for MinGW
# (dist-build/msys2-win64.sh): autotools with --host. Debian's tarball is a git export without the
# generated configure script, so autogen.sh (autoconf, automake, libtool) writes it first.
include(ExternalProject)
set(_prefix ${CMAKE_BINARY_DIR}/_sodium)
set(_lib ${_prefix}/build/src/libsodium/.libs/libsodium.a) # as built: only the headers are installed
ExternalProject_Add(sodium_build
    SOURCE_DIR ${libsodium_dir}
    BINARY_DIR ${_prefix}/build
    INSTALL_DIR ${_prefix}
    CONFIGURE_COMMAND sh -c "cd ${libsodium_dir} && [ -x configure ] || ./autogen.sh -s"
        COMMAND ${libsodium_dir}/configure --host=${IMCHAT_MINGW_TRIPLET} --prefix=<INSTALL_DIR>
            --disable-shared --enable-static --disable-dependency-tracking
            CC=${CMAKE_C_COMPILER} "CFLAGS=-O2 -fomit-frame-pointer"
    BUILD_COMMAND make -j${IMCHAT_HOST_CORES}
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${_lib}
    LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON LOG_OUTPUT_ON_FAILURE ON)
# Our sources need only the headers, which a step of their own installs right after configure (it writes
# version.h): they compile while the library builds, and only the links wait for it (the build step's
# byproduct).
ExternalProject_Add_Step(sodium_build headers
    COMMAND make -C src/libsodium/include install
    WORKING_DIRECTORY <BINARY_DIR>
    DEPENDEES configure DEPENDERS build
    LOG ON)
ExternalProject_Add_StepTargets(sodium_build headers)
file(MAKE_DIRECTORY ${_prefix}/include)

add_library(imchat_sodium INTERFACE)
add_dependencies(imchat_sodium sodium_build-headers)
target_include_directories(imchat_sodium SYSTEM INTERFACE ${_prefix}/include)
target_compile_definitions(imchat_sodium INTERFACE SODIUM_STATIC)
target_link_libraries(imchat_sodium INTERFACE ${_lib} advapi32)
add_library(imchat::sodium ALIAS imchat_sodium)
list(APPEND IMCHAT_WINDOWS_LICENCE_FILES libsodium=${libsodium_dir}/LICENSE)

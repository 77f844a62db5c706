# OpenSSL 3 for Windows (TLS through asio::ssl, key fingerprints): its own Configure and make, run by
# ExternalProject, out of the source tree. Only the libraries are built; what imchat never uses (old
# protocols, the legacy provider, engines, ciphers nobody negotiates) is left out to halve the build.
include(ExternalProject)
set(_prefix ${CMAKE_BINARY_DIR}/_openssl)
set(_libs ${_prefix}/build/libssl.a ${_prefix}/build/libcrypto.a) # as built: nothing is installed
ExternalProject_Add(openssl_build
    SOURCE_DIR ${openssl_dir}
    BINARY_DIR ${_prefix}/build
    INSTALL_DIR ${_prefix}
    CONFIGURE_COMMAND perl ${openssl_dir}/Configure mingw64 --prefix=<INSTALL_DIR> --libdir=lib
        CC=${CMAKE_C_COMPILER} AR=${IMCHAT_MINGW_TRIPLET}-ar RANLIB=${IMCHAT_MINGW_TRIPLET}-ranlib
        RC=${CMAKE_RC_COMPILER}
        no-shared no-module no-dso no-engine no-tests no-legacy no-comp no-ssl3 no-tls1 no-tls1_1
        no-dtls no-srp no-srtp no-idea no-mdc2 no-rc2 no-rc4 no-rc5 no-md4 no-seed no-whirlpool no-camellia
        no-aria no-sm2 no-sm3 no-sm4 no-cast no-bf no-gost no-ts
    BUILD_COMMAND make -j${IMCHAT_HOST_CORES} build_libs
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${_libs}
    LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON LOG_OUTPUT_ON_FAILURE ON)
# Our sources need only the headers (the source tree's and those a step of their own generates, in seconds)
# before the libraries (two minutes): compiling imchat overlaps building OpenSSL, and only the links wait for
# the libraries, the build step's byproducts.
ExternalProject_Add_Step(openssl_build headers
    COMMAND make build_generated
    WORKING_DIRECTORY <BINARY_DIR>
    DEPENDEES configure DEPENDERS build
    LOG ON)
ExternalProject_Add_StepTargets(openssl_build headers)
file(MAKE_DIRECTORY ${_prefix}/build/include)

add_library(imchat_openssl INTERFACE)
add_dependencies(imchat_openssl openssl_build-headers)
target_include_directories(imchat_openssl SYSTEM INTERFACE ${_prefix}/build/include ${openssl_dir}/include)
target_link_libraries(imchat_openssl INTERFACE ${_libs} ws2_32 crypt32 bcrypt advapi32 user32)
add_library(imchat::openssl ALIAS imchat_openssl)
list(APPEND IMCHAT_WINDOWS_LICENCE_FILES OpenSSL=${openssl_dir}/LICENSE.txt)

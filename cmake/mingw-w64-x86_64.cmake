# Cross-building for 64-bit Windows with Debian's MinGW-w64 (g++-mingw-w64-x86-64-posix): the posix
# threading flavour, whose libstdc++ has std::thread and std::mutex. Used by scripts/windows.sh.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(IMCHAT_MINGW_TRIPLET x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${IMCHAT_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${IMCHAT_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${IMCHAT_MINGW_TRIPLET}-windres)
# Only MinGW's own headers and libraries: the Linux ones in /usr/include must never reach the cross compiler.
set(CMAKE_FIND_ROOT_PATH /usr/${IMCHAT_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# ctest runs the test programs through Wine.
set(CMAKE_CROSSCOMPILING_EMULATOR wine)
# Static runtime: libstdc++, libgcc and winpthreads inside the .exe, no MinGW DLL for the user to find.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")

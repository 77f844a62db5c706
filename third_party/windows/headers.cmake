# The header-only packages (Asio, CLI11, moodycamel's queues, stb) as Debian installed them for Linux. Only
# their own folders are linked into one include directory: /usr/include as a whole holds glibc's headers,
# which must never reach the MinGW compiler.
set(_headers ${CMAKE_BINARY_DIR}/_linux-package-headers)
file(MAKE_DIRECTORY ${_headers})
foreach(entry asio.hpp asio CLI readerwriterqueue concurrentqueue stb)
    if(NOT EXISTS /usr/include/${entry})
        message(FATAL_ERROR "/usr/include/${entry} not found: scripts/windows.sh installs the header packages")
    endif()
    file(CREATE_LINK /usr/include/${entry} ${_headers}/${entry} SYMBOLIC)
endforeach()

add_library(imchat_asio INTERFACE)
target_include_directories(imchat_asio SYSTEM INTERFACE ${_headers})
# 0x0A00: Windows 10, the oldest the manifest declares; Asio then uses its newer Winsock calls.
target_compile_definitions(imchat_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED ASIO_DISABLE_STD_ALIGNED_ALLOC
                                                 _WIN32_WINNT=0x0A00 WIN32_LEAN_AND_MEAN NOMINMAX)
target_link_libraries(imchat_asio INTERFACE ws2_32 mswsock)
add_library(imchat::asio ALIAS imchat_asio)

add_library(imchat_queues INTERFACE)
target_include_directories(imchat_queues SYSTEM INTERFACE ${_headers})
add_library(imchat::queues ALIAS imchat_queues)

add_library(imchat_cli11 INTERFACE)
target_include_directories(imchat_cli11 SYSTEM INTERFACE ${_headers})
add_library(imchat::cli11 ALIAS imchat_cli11)

# Debian's libstb.so holds stb's implementations; here they are compiled once into a small library.
file(WRITE ${CMAKE_BINARY_DIR}/_stb/stb_implementations.c
     "#define STB_IMAGE_WRITE_IMPLEMENTATION\n#include <stb_image_write.h>\n"
     "#define STB_IMAGE_RESIZE_IMPLEMENTATION\n#include <stb_image_resize.h>\n")
add_library(imchat_stb STATIC ${CMAKE_BINARY_DIR}/_stb/stb_implementations.c)
target_include_directories(imchat_stb SYSTEM PUBLIC ${_headers}/stb)
add_library(imchat::stb ALIAS imchat_stb)

foreach(package libasio-dev libcli11-dev libreaderwriterqueue-dev libconcurrentqueue-dev libstb-dev)
    list(APPEND IMCHAT_WINDOWS_LICENCE_FILES ${package}=/usr/share/doc/${package}/copyright)
endforeach()

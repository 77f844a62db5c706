# imchat_debian_source(<out-var> <package> <version>): the unpacked upstream sources of one Debian source
# package at one exact version, fetched by apt into this build directory at configure time (checksums
# checked by apt against Debian's signed index; see fetch-debian-source.sh). Used where a packaged binary
# cannot serve: Dear ImGui with 32-bit characters here, every library of a Windows cross-build later.
set(IMCHAT_DEBIAN_SOURCES_DIR ${CMAKE_BINARY_DIR}/_debian-sources CACHE PATH
    "Where Debian source packages are fetched and unpacked (never inside the source tree)")

function(imchat_debian_source out_var package version)
    execute_process(
        COMMAND ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/fetch-debian-source.sh ${IMCHAT_DEBIAN_SOURCES_DIR}
                ${package} ${version}
        RESULT_VARIABLE fetched)
    if(NOT fetched EQUAL 0)
        message(FATAL_ERROR "could not fetch the Debian source package ${package} ${version} (see above)")
    endif()
    set(${out_var} ${IMCHAT_DEBIAN_SOURCES_DIR}/${package}-${version} PARENT_SCOPE)
endfunction()

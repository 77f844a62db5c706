# The Windows cross-build's packaging, included by CMakeLists.txt when WIN32, after the programs' targets.
# It gives imchat.exe and imchat-server.exe their icon, manifest and version (packaging/windows/imchat.rc.in),
# installs them for `cmake --install`, and adds the target `windows-packages`, which makes
#   imchat-<version>-windows-x64.zip   the folder stage/imchat-<version>-windows-x64/, zipped
#   imchat-<version>-setup.exe         a per-user NSIS installer of the same files (packaging/windows/imchat.nsi)
# in the build directory.
#
# IMCHAT_WINDOWS_LICENCE_FILES (input): a list of name=path, one per library linked into the programs;
# each ships as licences/<name>.txt. The MinGW-w64 runtime's two are added here: libstdc++, libgcc,
# the CRT and winpthreads are linked in statically, so their notices must ship too.
#
# imchat_windows_resources(<target> <description>) gives another .exe the same resources, e.g. a test
# program that needs the manifest's UTF-8 code page for non-ASCII paths.

set(_imchat_windows_folder imchat-${PROJECT_VERSION}-windows-x64)

# Host tools, found outside the MinGW sysroot (the toolchain's program mode is NEVER).
foreach(tool rsvg-convert=librsvg2-bin icotool=icoutils makensis=nsis)
    string(REPLACE "=" ";" tool ${tool})
    list(GET tool 0 program)
    list(GET tool 1 package)
    string(MAKE_C_IDENTIFIER "IMCHAT_${program}" var)
    find_program(${var} ${program})
    if(NOT ${var})
        message(FATAL_ERROR "${program} not found (Windows icon and installer): apt-get install ${package}")
    endif()
endforeach()

# The .ico is rendered from the one SVG at build time, so the drawing exists once and no binary is committed.
set(_imchat_ico ${PROJECT_BINARY_DIR}/windows/imchat.ico)
set(_imchat_ico_steps)
set(_imchat_ico_pngs)
foreach(size 16 24 32 48 64 256)
    set(png ${PROJECT_BINARY_DIR}/windows/icon-${size}.png)
    list(APPEND _imchat_ico_steps COMMAND ${IMCHAT_rsvg_convert} -w ${size} -h ${size} -o ${png}
                                          ${PROJECT_SOURCE_DIR}/assets/imchat.svg)
    if(size EQUAL 256)
        # Stored as PNG (-r), as Windows Vista and later read it: as a bitmap this size alone is 256 KiB.
        list(APPEND _imchat_ico_pngs -r ${png})
    else()
        list(APPEND _imchat_ico_pngs ${png})
    endif()
endforeach()
add_custom_command(OUTPUT ${_imchat_ico}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/windows
    ${_imchat_ico_steps}
    COMMAND ${IMCHAT_icotool} -c -o ${_imchat_ico} ${_imchat_ico_pngs}
    DEPENDS ${PROJECT_SOURCE_DIR}/assets/imchat.svg
    COMMENT "Making the Windows icon from assets/imchat.svg"
    VERBATIM)
# Targets in other folders cannot see a custom command's output; they depend on this target instead.
add_custom_target(imchat_windows_icon DEPENDS ${_imchat_ico})

function(imchat_windows_resources target description)
    # The template's @names@; the file name is the target's name.
    set(IMCHAT_RC_ICON ${imchat_BINARY_DIR}/windows/imchat.ico)
    set(IMCHAT_RC_MANIFEST ${imchat_SOURCE_DIR}/packaging/windows/imchat.manifest)
    set(IMCHAT_RC_DESCRIPTION "${description}")
    set(IMCHAT_RC_NAME ${target})
    set(rc ${imchat_BINARY_DIR}/windows/${target}.rc)
    configure_file(${imchat_SOURCE_DIR}/packaging/windows/imchat.rc.in ${rc} @ONLY)
    target_sources(${target} PRIVATE ${rc})
    # windres reports no dependencies, so name the files the .rc pulls in.
    set_source_files_properties(${rc} TARGET_DIRECTORY ${target}
        PROPERTIES OBJECT_DEPENDS "${IMCHAT_RC_ICON};${IMCHAT_RC_MANIFEST}")
    add_dependencies(${target} imchat_windows_icon)
endfunction()

set(_imchat_programs imchat-server)
imchat_windows_resources(imchat-server "imchat chat server")
if(TARGET imchat)
    list(APPEND _imchat_programs imchat)
    imchat_windows_resources(imchat "imchat chat window")
endif()

# The layout, for `cmake --install` and the packages alike: everything in one folder, as Windows programs are.
# The component keeps other projects' install rules (e.g. a dependency's headers) out of the packages.
install(TARGETS ${_imchat_programs} RUNTIME DESTINATION . COMPONENT imchat)
# Notepad needs the BOM (in the source) to show the Chinese, and CRLF before Windows 10 1809.
configure_file(${PROJECT_SOURCE_DIR}/packaging/windows/README.txt ${PROJECT_BINARY_DIR}/windows/README.txt
               @ONLY NEWLINE_STYLE CRLF)
install(FILES ${PROJECT_BINARY_DIR}/windows/README.txt DESTINATION . COMPONENT imchat)

set(_imchat_licences ${IMCHAT_WINDOWS_LICENCE_FILES}
    gcc-mingw-w64=/usr/share/doc/gcc-mingw-w64-base/copyright
    mingw-w64=/usr/share/doc/mingw-w64-x86-64-dev/copyright)
foreach(licence ${_imchat_licences})
    # Split at the first "=": a path may hold one too.
    string(FIND ${licence} "=" at)
    if(at LESS 1)
        message(FATAL_ERROR "IMCHAT_WINDOWS_LICENCE_FILES: \"${licence}\" is not name=path")
    endif()
    string(SUBSTRING ${licence} 0 ${at} name)
    math(EXPR at "${at} + 1")
    string(SUBSTRING ${licence} ${at} -1 path)
    if(NOT EXISTS ${path})
        message(FATAL_ERROR "licence of ${name} not found: ${path}")
    endif()
    install(FILES ${path} DESTINATION licences RENAME ${name}.txt COMPONENT imchat)
endforeach()

# The installer holds both programs, so a build without the window (IMCHAT_BUILD_APP=OFF) makes no packages.
if(NOT TARGET imchat)
    message(STATUS "imchat is not built (IMCHAT_BUILD_APP=OFF): no target windows-packages")
    return()
endif()
set(_imchat_stage ${PROJECT_BINARY_DIR}/stage/${_imchat_windows_folder})
set(_imchat_zip ${PROJECT_BINARY_DIR}/${_imchat_windows_folder}.zip)
set(_imchat_setup ${PROJECT_BINARY_DIR}/imchat-${PROJECT_VERSION}-setup.exe)
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/stage)
add_custom_target(windows-packages
    # From empty, so a file dropped from the install rules does not linger in the packages.
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${_imchat_stage}
    COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --config $<CONFIG> --component imchat
            --prefix ${_imchat_stage} --strip
    # Run in stage/, so the zip holds the one folder, not loose files.
    COMMAND ${CMAKE_COMMAND} -E tar cf ${_imchat_zip} --format=zip ${_imchat_windows_folder}
    COMMAND ${IMCHAT_makensis} -V2 -DIMCHAT_VERSION=${PROJECT_VERSION} -DIMCHAT_STAGE=${_imchat_stage}
            -DIMCHAT_OUTFILE=${_imchat_setup} -DIMCHAT_ICON=${_imchat_ico}
            ${PROJECT_SOURCE_DIR}/packaging/windows/imchat.nsi
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}/stage
    BYPRODUCTS ${_imchat_zip} ${_imchat_setup}
    COMMENT "Making ${_imchat_windows_folder}.zip and imchat-${PROJECT_VERSION}-setup.exe"
    VERBATIM)
add_dependencies(windows-packages imchat imchat-server imchat_windows_icon)

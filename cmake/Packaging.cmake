# `cmake --install` layout and the Debian package (CPack DEB). The version comes from project() only.
include(GNUInstallDirs)

install(TARGETS imchat-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Units of packages go to /usr/lib/systemd/system (Debian 12 is merged-/usr); installed, never enabled by us.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/imchat-server.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/man/imchat-server.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

if(TARGET imchat)
    install(TARGETS imchat RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(FILES ${PROJECT_SOURCE_DIR}/packaging/man/imchat.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    install(FILES ${PROJECT_SOURCE_DIR}/assets/imchat.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/assets/imchat.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    # PNG sizes are rendered from the one SVG at build time, so the drawing exists once.
    find_program(RSVG_CONVERT rsvg-convert)
    if(NOT RSVG_CONVERT)
        message(FATAL_ERROR "rsvg-convert not found (renders the icon's PNG sizes): apt-get install librsvg2-bin")
    endif()
    set(_icon_pngs)
    foreach(size 16 24 32 48 64 128 256)
        set(png ${PROJECT_BINARY_DIR}/icons/${size}x${size}/imchat.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/icons/${size}x${size}
            COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${PROJECT_SOURCE_DIR}/assets/imchat.svg
            DEPENDS ${PROJECT_SOURCE_DIR}/assets/imchat.svg
            COMMENT "Rendering the ${size}px icon")
        list(APPEND _icon_pngs ${png})
        install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()
    add_custom_target(imchat_icons ALL DEPENDS ${_icon_pngs})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME imchat)
set(CPACK_PACKAGE_VENDOR "imchat")
set(CPACK_PACKAGE_CONTACT "imchat maintainers <imchat@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "LAN chat room: Dear ImGui client and single-threaded server")
set(CPACK_PACKAGE_DESCRIPTION
    "imchat is a chat room for the local network. imchat-server broadcasts every message to everyone,\n\
keeps the room's history in SQLite and holds private messages for offline users; imchat is a desktop\n\
window that shows the room, renders Chinese text and idles at no CPU cost.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # imchat_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/imchat")
# Shared-library dependencies are computed by dpkg-shlibdeps; the CJK font is what the client looks for.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-wqy-microhei | fonts-noto-cjk, libgl1-mesa-dri | libgl1")
# Without it emoji fall back to black-and-white glyphs (the window says so on its terminal).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-color-emoji")
set(CPACK_STRIP_FILES ON)
include(CPack)

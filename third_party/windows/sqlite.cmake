# SQLite for Windows: Debian's source package holds SQLite's full tree; its own makefile, run natively once
# (tclsh, package tcl), writes the one-file amalgamation that is then cross-compiled like any source file.
set(_amalgamation ${CMAKE_BINARY_DIR}/_sqlite-amalgamation)
if(NOT EXISTS ${_amalgamation}/sqlite3.c)
    find_program(TCLSH tclsh REQUIRED)
    file(MAKE_DIRECTORY ${_amalgamation})
    execute_process(COMMAND ${CMAKE_COMMAND} -E env CC=cc ${sqlite3_dir}/configure --quiet WORKING_DIRECTORY ${_amalgamation}
                    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND make -j${IMCHAT_HOST_CORES} sqlite3.c WORKING_DIRECTORY ${_amalgamation}
                    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
endif()
add_library(imchat_sqlite STATIC ${_amalgamation}/sqlite3.c)
target_include_directories(imchat_sqlite SYSTEM PUBLIC ${_amalgamation})
# Debian's libsqlite3 is built thread-safe with these; the server relies on nothing more.
target_compile_definitions(imchat_sqlite PRIVATE SQLITE_THREADSAFE=1 SQLITE_DEFAULT_FOREIGN_KEYS=0
                                                 SQLITE_OMIT_LOAD_EXTENSION)
add_library(imchat::sqlite ALIAS imchat_sqlite)

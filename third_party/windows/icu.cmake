# ICU for Windows: NFC/NFKC case folding, character properties and UTS #39 skeletons (net/name_rules.cpp).
# The common library whole, of the i18n library only the spoof checker; built with CMake over ICU's own
# sources (its autotools cross-build needs a second, native ICU build first). The data: of ICU's 30 MB
# archive only the three files imchat reads, repacked by Debian's own ICU tools (icu-devtools, the same
# version) and compiled in as the data entry point; NFC and the core properties are built into the code.
set(_src ${icu_dir}/source)
string(REGEX MATCH "^[0-9]+" _major ${icu_version})
set(_data_dir ${CMAKE_BINARY_DIR}/_icu-data)
set(_data_c ${_data_dir}/icudt${_major}_dat.c) # defines icudt72_dat, the entry point ICU looks for
if(NOT EXISTS ${_data_c})
    find_program(ICUPKG icupkg PATHS /usr/sbin REQUIRED)
    find_program(GENCCODE genccode PATHS /usr/sbin REQUIRED)
    file(MAKE_DIRECTORY ${_data_dir}/items)
    file(WRITE ${_data_dir}/items.txt "nfkc_cf.nrm\nconfusables.cfu\nuemoji.icu\n")
    execute_process(
        COMMAND ${ICUPKG} -x ${_data_dir}/items.txt -d ${_data_dir}/items ${_src}/data/in/icudt${_major}l.dat
        COMMAND_ERROR_IS_FATAL ANY)
    execute_process(
        COMMAND ${ICUPKG} -a ${_data_dir}/items.txt -s ${_data_dir}/items new ${_data_dir}/icudt${_major}l.dat
        COMMAND_ERROR_IS_FATAL ANY)
    # genccode names the array after the file; the package inside keeps its name, icudt72l (little-endian).
    file(COPY_FILE ${_data_dir}/icudt${_major}l.dat ${_data_dir}/icudt${_major}.dat)
    execute_process(COMMAND ${GENCCODE} -q -d ${_data_dir} ${_data_dir}/icudt${_major}.dat COMMAND_ERROR_IS_FATAL ANY)
endif()

file(GLOB _common ${_src}/common/*.cpp)
# The data alone, compiled as C outside the library's implementation settings (as ICU's own stubdata is).
add_library(imchat_icudata STATIC ${_data_c})
target_include_directories(imchat_icudata SYSTEM PRIVATE ${_src}/common)
target_compile_definitions(imchat_icudata PRIVATE U_STATIC_IMPLEMENTATION)

add_library(imchat_icuuc STATIC ${_common})
target_include_directories(imchat_icuuc SYSTEM PUBLIC ${_src}/common)
target_compile_definitions(imchat_icuuc PUBLIC U_STATIC_IMPLEMENTATION PRIVATE U_COMMON_IMPLEMENTATION)
target_link_libraries(imchat_icuuc PUBLIC imchat_icudata advapi32)

add_library(imchat_icui18n STATIC
    ${_src}/i18n/uspoof.cpp ${_src}/i18n/uspoof_impl.cpp ${_src}/i18n/scriptset.cpp ${_src}/i18n/ucln_in.cpp)
target_include_directories(imchat_icui18n SYSTEM PUBLIC ${_src}/i18n)
target_compile_definitions(imchat_icui18n PRIVATE U_I18N_IMPLEMENTATION)
target_link_libraries(imchat_icui18n PUBLIC imchat_icuuc)

# ICU's own build uses C++11..17: putil.cpp undefines __STRICT_ANSI__ on MinGW, which C++20's <numbers> rejects.
set_target_properties(imchat_icuuc imchat_icui18n PROPERTIES CXX_STANDARD 17)

add_library(imchat_icu INTERFACE)
target_link_libraries(imchat_icu INTERFACE imchat_icui18n)
add_library(imchat::icu ALIAS imchat_icu)
list(APPEND IMCHAT_WINDOWS_LICENCE_FILES ICU=${icu_dir}/LICENSE)

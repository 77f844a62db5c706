# Per-target settings for our own code only: warnings (errors with IMCHAT_WERROR) and the optional
# sanitizers. Third-party targets never see these flags.
function(imchat_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    if(IMCHAT_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE IMCHAT_VERSION="${PROJECT_VERSION}")
    if(WIN32)
        # MinGW declares the re-entrant POSIX time functions (localtime_r, gmtime_r) only under this.
        target_compile_definitions(${target} PRIVATE _POSIX_C_SOURCE=200809L)
    endif()
    if(IMCHAT_SANITIZE)
        # -g1: line tables only, all a sanitizer report needs (file:line in every frame); full debug info
        # made each file compile a third slower, and CI builds every file this way. -O1, as the sanitizers'
        # documentation advises: instrumented at -O2 a file took 40-47 % longer.
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all
                                                 -fno-omit-frame-pointer -g1 -O1)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# Per-target settings for our own code only: warnings as errors and the optional sanitizers.
# Third-party targets never see these flags.
function(imchat_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
    target_compile_definitions(${target} PRIVATE IMCHAT_VERSION="${PROJECT_VERSION}")
    if(IMCHAT_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all
                                                 -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

// Layer guard (cmake/layer_guards/README.md): a target that may not use this header finds it first.
#error "only app/platform/ (and the window's wiring at app/ root) touch the window system and OpenGL"

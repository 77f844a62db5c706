// Layer guard (cmake/layer_guards/README.md): a target that may not use this header finds it first.
#error "app/model, app/text, app/io and app/diag know no ImGui: drawing belongs in app/panels/ or app/fonts/"

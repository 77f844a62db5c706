#pragma once
// Text from the network inside ImGui widgets. ImGui ends a label's visible text at "##" (what follows is the
// widget's id), so a name "bob##x" would read "bob": another user's name, in a list or on a tab.
#include <string>
#include <string_view>

#include <imgui.h>
#include <imgui_internal.h>

namespace app {

/// text as a label shows it whole: each '#' that follows a '#' becomes U+FF03 FULLWIDTH NUMBER SIGN, so no
/// "##" is left ("bob##x" reads "bob#＃x"). For labels that cannot be drawn apart (tab titles).
std::string shownAsLabel(std::string_view text);

/// A selectable row showing text exactly: the widget has id alone, the text is drawn over it as an item of
/// its own (so a table's column still fits it).
struct SelectableText {
    bool clicked = false;
    bool hovered = false;
    ImRect rect; // the selectable's (screen coordinates)
};
SelectableText selectableText(const char* id, std::string_view text, bool selected,
                              ImGuiSelectableFlags flags = 0);

} // namespace app

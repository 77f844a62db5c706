#include "app/panels/composer.hpp"

#include <algorithm>

#include <imgui_stdlib.h>

#include "app/model/outgoing.hpp"

namespace app {

int Composer::visibleLines() const {
    const auto lines = 1 + std::count(text.begin(), text.end(), '\n');
    return static_cast<int>(std::clamp<std::ptrdiff_t>(lines, 1, kMaxVisibleLines));
}

float Composer::height() const {
    const ImGuiStyle& style = ImGui::GetStyle();
    return style.ItemSpacing.y * 2.0f + ImGui::GetTextLineHeight() * static_cast<float>(visibleLines()) +
           style.FramePadding.y * 2.0f;
}

void Composer::sent() {
    m_history.push(text);
    text.clear();
    m_recalled.clear();
}

int Composer::onInputEvent(ImGuiInputTextCallbackData* data) {
    // ImGui 1.86 has no history callback for a multi-line box: look at the arrow keys on every call.
    auto* self = static_cast<Composer*>(data->UserData);
    const bool up = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow));
    const bool down = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow));
    if (up == down) return 0;
    const std::string current(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    // In a text of several lines ↑/↓ move the caret, unless the text is what they recalled.
    const bool recall = current.find('\n') == std::string::npos ||
                        (self->m_history.browsing() && current == self->m_recalled);
    if (!recall) return 0;
    const auto next = up ? self->m_history.older(current) : self->m_history.newer();
    if (!next) return 0;
    self->m_recalled = *next;
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, next->data(), next->data() + next->size());
    data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
    return 0;
}

Composer::Result Composer::draw(const Strings& s, GlyphSet& glyphs, std::uint32_t maxTextBytes) {
    Result r;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGuiIO& io = ImGui::GetIO();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.name);
    ImGui::SameLine();
    // A fifth of the width, 5 to 9 em: in a narrow window the message box keeps the most room.
    ImGui::SetNextItemWidth(std::clamp(ImGui::GetContentRegionAvail().x * 0.2f, ImGui::GetFontSize() * 5.0f,
                                       ImGui::GetFontSize() * 9.0f));
    if (m_focusName) {
        ImGui::SetKeyboardFocusHere();
        m_focusName = false;
    }
    ImGui::InputText("##name", &name);
    if (ImGui::IsItemEdited()) glyphs.addText(name); // pasted text never passes the char callback
    r.nameChanged = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SameLine();

    // The hint appears once three quarters of the limit are used, and stays while over it.
    const TextBudget budget = textBudget(text, maxTextBytes);
    std::string hint;
    if (budget.charsOver > 0) hint = format(s.charsOver, budget.charsOver);
    else if (budget.bytes * 4 >= std::size_t(maxTextBytes) * 3) hint = format(s.bytesLeft, budget.bytesLeft);
    const float hintWidth = hint.empty() ? 0.0f : ImGui::CalcTextSize(hint.c_str()).x + style.ItemSpacing.x;
    const float sendWidth = ImGui::CalcTextSize(s.send).x + style.FramePadding.x * 2.0f;
    const float boxWidth = ImGui::GetContentRegionAvail().x - sendWidth - hintWidth - style.ItemSpacing.x;
    const float boxHeight =
        ImGui::GetTextLineHeight() * static_cast<float>(visibleLines()) + style.FramePadding.y * 2.0f;
    m_movedFocus = m_focusInput;
    if (m_focusInput) {
        ImGui::SetKeyboardFocusHere();
        m_focusInput = false;
    }
    // ImGui turns Ctrl+Enter into a new line (CtrlEnterForNewLine); Shift+Enter should do the same, so
    // for this one call it is presented as Ctrl+Enter.
    const bool enterKey = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
    const bool shiftEnter = m_inputActive && enterKey && io.KeyShift && !io.KeyCtrl;
    const ImGuiKeyModFlags mods = io.KeyMods;
    if (shiftEnter) {
        io.KeyCtrl = true;
        io.KeyMods |= ImGuiKeyModFlags_Ctrl; // ImGui checks that the two agree
    }
    const bool enter = ImGui::InputTextMultiline("##input", &text, ImVec2(boxWidth, boxHeight),
                                                 ImGuiInputTextFlags_EnterReturnsTrue |
                                                     ImGuiInputTextFlags_CtrlEnterForNewLine |
                                                     ImGuiInputTextFlags_CallbackAlways,
                                                 &Composer::onInputEvent, this);
    if (shiftEnter) {
        io.KeyCtrl = false;
        io.KeyMods = mods;
    }
    m_inputActive = ImGui::IsItemActive();
    if (ImGui::IsItemEdited()) glyphs.addText(text);
    if (enter) m_focusInput = true; // Enter leaves the box in ImGui: take the focus back next frame
    if (!hint.empty()) {
        ImGui::SameLine();
        const ImVec4 colour =
            budget.charsOver > 0 ? ImVec4(1.0f, 0.45f, 0.35f, 1.0f) : style.Colors[ImGuiCol_TextDisabled];
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(colour, "%s", hint.c_str());
    }
    ImGui::SameLine();
    const bool click = ImGui::Button(s.send);
    if (click) m_focusInput = true;
    r.send = enter || click;
    return r;
}

} // namespace app

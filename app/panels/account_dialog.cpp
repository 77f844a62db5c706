#include "app/panels/account_dialog.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "net/utf8.hpp"

namespace app {
namespace {

constexpr std::size_t kMinPasswordChars = 8; // the server's rule (PROTOCOL.md §5.3): checked here first

void wipe(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
}

bool passwordBox(const char* label, const char* id, std::string& value, bool enterSubmits) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(-1.0f);
    const ImGuiInputTextFlags flags =
        ImGuiInputTextFlags_Password | (enterSubmits ? ImGuiInputTextFlags_EnterReturnsTrue : 0);
    return ImGui::InputText(id, &value, flags) && enterSubmits;
}

} // namespace

void AccountDialog::open(Mode mode, std::string name) {
    clear();
    m_mode = mode;
    m_name = std::move(name);
    m_openRequested = true;
}

void AccountDialog::clear() {
    wipe(m_password);
    wipe(m_new);
    wipe(m_repeat);
    m_problem = nullptr;
}

std::optional<AccountDialog::Submitted> AccountDialog::draw(const Strings& s, GlyphSet& glyphs) {
    const char* titleText = m_mode == Mode::SignIn     ? s.loginTitle
                            : m_mode == Mode::Register ? s.registerTitle
                                                       : s.changePasswordTitle;
    const std::string title = std::string(titleText) + "##account";
    if (m_openRequested) {
        ImGui::OpenPopup(title.c_str());
        m_openRequested = false;
        m_open = true;
        m_focus = true;
    }
    std::optional<Submitted> out;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ImGui::GetFontSize() * 24.0f, io.DisplaySize.x - 20.0f), 0));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoMove)) {
        m_open = false;
        return out;
    }
    if (m_mode != Mode::ChangePassword) {
        const std::string explain =
            format(m_mode == Mode::SignIn ? s.loginExplain : s.registerExplain, m_name.c_str());
        glyphs.addText(explain);
        ImGui::TextWrapped("%s", explain.c_str());
    }
    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    bool submit = false;
    if (m_mode == Mode::SignIn) {
        submit |= passwordBox(s.password, "##password", m_password, true);
    } else if (m_mode == Mode::Register) {
        passwordBox(s.newPassword, "##new", m_new, false);
        submit |= passwordBox(s.repeatPassword, "##repeat", m_repeat, true);
    } else {
        passwordBox(s.oldPassword, "##old", m_password, false);
        passwordBox(s.newPassword, "##new", m_new, false);
        submit |= passwordBox(s.repeatPassword, "##repeat", m_repeat, true);
    }
    ImGui::Checkbox(s.rememberMe, &m_remember);
    if (m_problem) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "%s", m_problem);
    const char* action = m_mode == Mode::SignIn     ? s.signIn
                         : m_mode == Mode::Register ? s.registerButton
                                                    : s.save;
    submit |= ImGui::Button(action);
    if (submit) {
        const bool choosing = m_mode != Mode::SignIn;
        if (choosing && m_new != m_repeat) {
            m_problem = s.passwordsDiffer;
        } else if (choosing &&
                   (!net::utf8::isValid(m_new) || net::utf8::countCodePoints(m_new) < kMinPasswordChars)) {
            m_problem = s.weakPassword;
        } else {
            out = Submitted{m_mode, m_mode == Mode::Register ? m_new : m_password,
                            m_mode == Mode::ChangePassword ? m_new : std::string(), m_remember};
            clear();
            m_open = false;
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(s.cancel) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        clear();
        m_open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    return out;
}

} // namespace app

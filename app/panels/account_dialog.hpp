#pragma once
// Passwords: signing in to a registered name (when the server asks), registering our name (/register, the
// settings menu, or a server that wants every name registered) and changing the password. The boxes hide what
// is typed, and what was typed is wiped from the dialog once handed over.
#include <optional>
#include <string>

#include "app/fonts/glyph_set.hpp"
#include "app/text/i18n.hpp"

namespace app {

class AccountDialog {
public:
    enum class Mode { SignIn, Register, ChangePassword };
    /// What the user submitted.
    struct Submitted {
        Mode mode = Mode::SignIn;
        std::string password;    // SignIn, Register: the password; ChangePassword: the current one
        std::string newPassword; // ChangePassword
        bool remember = false;
    };

    /// Opens the dialog for name (what it says: "sign in as", "register").
    void open(Mode mode, std::string name);
    bool isOpen() const { return m_open; }
    /// Draws it while open; the submission once the user confirms.
    std::optional<Submitted> draw(const Strings& s, GlyphSet& glyphs);

private:
    void clear();

    Mode m_mode = Mode::SignIn;
    std::string m_name;
    std::string m_password, m_new, m_repeat;
    bool m_remember = true;
    bool m_open = false, m_openRequested = false, m_focus = false;
    const char* m_problem = nullptr; // what is wrong with what was typed, shown under the boxes
};

} // namespace app

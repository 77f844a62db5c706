#pragma once
// The settings button and its popup: theme, time stamps, language and font size. Changes apply at once
// and are remembered in the settings file when the window closes.
#include "app/io/preferences.hpp"
#include "app/text/i18n.hpp"

namespace app {

/// What the popup offers about our account (at most one thing), and what the user chose.
enum class AccountAction { None, Register, ChangePassword };

/// Draws the button (on the current line) and, when open, the popup; true when prefs changed. shown:
/// the language the UI is in now (prefs.lang may be empty: "follow the locale"). offer: the account item to
/// show; chosen: set when the user picked it. notifications: whether the platform has desktop notifications
/// (without, their setting is greyed out and says why).
bool drawPreferencesMenu(const Strings& s, Lang shown, Preferences& prefs, AccountAction offer,
                         AccountAction& chosen, bool notifications = true);

} // namespace app

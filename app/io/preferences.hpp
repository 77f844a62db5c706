#pragma once
// The user's display preferences, remembered in the settings file: font size (Ctrl+= / Ctrl+-), light
// or dark theme, time stamps shown or not, desktop notifications on or off, and the UI language.
#include <string>

namespace app {

struct Preferences {
    static constexpr float kDefaultFontSize = 17.0f;
    static constexpr float kMinFontSize = 10.0f;
    static constexpr float kMaxFontSize = 40.0f;

    float fontSize = kDefaultFontSize;
    bool dark = true;
    bool timestamps = true;
    bool notifications = true; // desktop notifications for private messages and mentions
    std::string lang;          // "zh", "en" or empty (follow the locale)
    bool operator==(const Preferences&) const = default;
};

/// The font size one step larger (steps > 0) or smaller, within the limits.
float stepFontSize(float size, int steps);

/// Reads one "key=value" of the settings file into prefs; false when the key is not a preference.
bool readPreference(Preferences& prefs, const std::string& key, const std::string& value);

/// The preferences as "key=value" lines.
std::string writePreferences(const Preferences& prefs);

} // namespace app

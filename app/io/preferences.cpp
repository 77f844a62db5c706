#include "app/io/preferences.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace app {

float stepFontSize(float size, int steps) {
    return std::clamp(std::round(size) + static_cast<float>(steps), Preferences::kMinFontSize,
                      Preferences::kMaxFontSize);
}

bool readPreference(Preferences& prefs, const std::string& key, const std::string& value) {
    if (key == "font_size") {
        float size = 0.0f;
        const auto [end, err] = std::from_chars(value.data(), value.data() + value.size(), size);
        if (err == std::errc() && end == value.data() + value.size())
            prefs.fontSize = std::clamp(size, Preferences::kMinFontSize, Preferences::kMaxFontSize);
        return true;
    }
    if (key == "theme") {
        if (value == "dark" || value == "light") prefs.dark = value == "dark";
        return true;
    }
    if (key == "timestamps") {
        if (value == "on" || value == "off") prefs.timestamps = value == "on";
        return true;
    }
    if (key == "notifications") {
        if (value == "on" || value == "off") prefs.notifications = value == "on";
        return true;
    }
    if (key == "lang") {
        prefs.lang = value;
        return true;
    }
    return false;
}

std::string writePreferences(const Preferences& prefs) {
    char size[16];
    const auto [end, err] = std::to_chars(size, size + sizeof size, prefs.fontSize);
    return "font_size=" + std::string(size, err == std::errc() ? end : size) +
           "\ntheme=" + (prefs.dark ? "dark" : "light") +
           "\ntimestamps=" + (prefs.timestamps ? "on" : "off") +
           "\nnotifications=" + (prefs.notifications ? "on" : "off") + "\nlang=" + prefs.lang + "\n";
}

} // namespace app

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "app/io/settings.hpp"

namespace fs = std::filesystem;

TEST_CASE("settings: path follows XDG_CONFIG_HOME, else HOME/.config") {
    CHECK(app::settingsPath("/x/cfg", "/home/u") == fs::path("/x/cfg/imchat/settings.ini"));
    CHECK(app::settingsPath("", "/home/u") == fs::path("/home/u/.config/imchat/settings.ini"));
    CHECK(app::settingsPath(nullptr, "/home/u") == fs::path("/home/u/.config/imchat/settings.ini"));
}

TEST_CASE("settings: saved values load back, and a missing file gives the defaults") {
    const fs::path dir = fs::temp_directory_path() / ("imchat-settings-" + std::to_string(::getpid()));
    const fs::path file = dir / "imchat" / "settings.ini";
    CHECK(app::loadSettings(file) == app::Settings{});

    app::Settings s;
    s.server = "chat.example:4000";
    s.name = "陈磊";
    s.prefs.lang = "zh";
    s.prefs.fontSize = 21.0f;
    s.prefs.dark = false;
    s.prefs.timestamps = false;
    REQUIRE(app::saveSettings(file, s));
    CHECK(app::loadSettings(file) == s);

    std::ofstream(file, std::ios::app) << "garbage line\nunknown=1\n";
    CHECK(app::loadSettings(file) == s);
    fs::remove_all(dir);
}

TEST_CASE("settings: preferences keep to their limits, and bad values keep the defaults") {
    app::Preferences p;
    CHECK(app::readPreference(p, "font_size", "200"));
    CHECK(p.fontSize == app::Preferences::kMaxFontSize);
    CHECK(app::readPreference(p, "font_size", "abc"));
    CHECK(p.fontSize == app::Preferences::kMaxFontSize);
    CHECK(app::readPreference(p, "theme", "purple"));
    CHECK(p.dark);
    CHECK(app::readPreference(p, "timestamps", "off"));
    CHECK_FALSE(p.timestamps);
    CHECK_FALSE(app::readPreference(p, "server", "x"));
    CHECK(app::stepFontSize(17.0f, 1) == 18.0f);
    CHECK(app::stepFontSize(17.4f, -1) == 16.0f);
    CHECK(app::stepFontSize(app::Preferences::kMinFontSize, -1) == app::Preferences::kMinFontSize);
    CHECK(app::writePreferences(p).find("timestamps=off") != std::string::npos);
}

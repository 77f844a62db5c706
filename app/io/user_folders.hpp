#pragma once
// Where the user's files go, as each platform expects (user_folders.cpp on POSIX, user_folders_windows.cpp).
#include <filesystem>
#include <string>

namespace app {

/// imchat's settings folder: $XDG_CONFIG_HOME/imchat, else ~/.config/imchat (POSIX); %APPDATA%\imchat,
/// the roaming application data folder (Windows).
std::filesystem::path configFolder();

/// The folder a saved transcript goes to unless the user says otherwise, as UTF-8: $HOME (POSIX); the
/// Documents folder (Windows). Empty when there is none (the working directory is used then).
std::string documentsFolder();

/// Whether c may not stand in a file name: '/' (POSIX); also \ : * ? " < > | (Windows, where "a:b" would
/// even name a hidden stream of file a).
bool reservedInFileName(char c);

} // namespace app

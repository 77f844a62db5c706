// The NSIS installer under Wine: `setup.exe /S` installs per user, without a question, what a user gets
// (programs, README, licences, uninstaller, shortcuts, the entry in "Installed apps"), and
// `Uninstall.exe /S` takes all of it away again.
#include <doctest/doctest.h>

#include "wine_prefix.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kUninstallKey = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\imchat";

/// The data of value name in what `reg query` printed ("    name    REG_SZ    data" lines), "" when absent.
std::string regValue(const std::string& printed, const std::string& name) {
    const std::string start = "    " + name + "    ";
    for (std::size_t at = printed.find(start); at != std::string::npos; at = printed.find(start, at + 1)) {
        if (at > 0 && printed[at - 1] != '\n') continue;
        std::string line = printed.substr(at + start.size(), printed.find('\n', at) - at - start.size());
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto data = line.find("    "); // after the type
        return data == std::string::npos ? std::string() : line.substr(data + 4);
    }
    return {};
}

} // namespace

TEST_CASE(
    "wine: setup.exe /S installs per user with shortcuts and an uninstall entry, Uninstall.exe /S removes "
    "them") {
    const auto setup = wintest::requireArtefact("IMCHAT_WINDOWS_SETUP");
    wintest::WinePrefix& wine = wintest::WinePrefix::shared();
    const auto install = wine.run({setup.string(), "/S"}, 120s);
    CHECK_MESSAGE(install.exitCode == 0, "setup.exe /S: " << install.out << install.err);
    REQUIRE(wine.waitIdle(120s));

    // %LOCALAPPDATA%\Programs\imchat, as Windows itself installs per-user programs.
    const fs::path folder = wine.profile() / "AppData" / "Local" / "Programs" / "imchat";
    for (const char* file : {"imchat.exe", "imchat-server.exe", "README.txt", "Uninstall.exe"})
        CHECK_MESSAGE(fs::is_regular_file(folder / file), (folder / file) << " was not installed");
    CHECK(fs::is_regular_file(folder / "licences" / "mingw-w64.txt"));
    const auto licences =
        fs::is_directory(folder / "licences")
            ? std::distance(fs::directory_iterator(folder / "licences"), fs::directory_iterator())
            : 0;
    CHECK(licences >= 3);
    const fs::path startMenu = wine.profile() / "AppData" / "Roaming" / "Microsoft" / "Windows" /
                               "Start Menu" / "Programs" / "imchat";
    for (const char* link : {"imchat.lnk", "imchat-server.lnk", "README.lnk"})
        CHECK_MESSAGE(fs::is_regular_file(startMenu / link), (startMenu / link) << " is missing");
    // Wine links the Windows desktop to $HOME/Desktop, the scratch home's.
    CHECK(fs::is_regular_file(wine.profile() / "Desktop" / "imchat.lnk"));
    CHECK(fs::is_regular_file(wine.home() / "Desktop" / "imchat.lnk"));

    const auto entry = wine.run({"reg", "query", kUninstallKey}, 60s);
    INFO("reg query " << kUninstallKey << ":\n" << entry.out << entry.err);
    REQUIRE(entry.exitCode == 0);
    CHECK(regValue(entry.out, "DisplayName") == "imchat");
    CHECK(regValue(entry.out, "DisplayVersion") == IMCHAT_VERSION);
    CHECK(regValue(entry.out, "InstallLocation") == wine.windowsPath(folder));
    CHECK(regValue(entry.out, "QuietUninstallString") ==
          "\"" + wine.windowsPath(folder / "Uninstall.exe") + "\" /S");

    // Uninstall.exe copies itself to %TEMP% and returns at once (its code says nothing): wait for the copy.
    wine.run({wine.windowsPath(folder / "Uninstall.exe"), "/S"}, 60s);
    REQUIRE(wine.waitIdle(120s));
    CHECK_MESSAGE(!fs::exists(folder), folder << " is still there");
    CHECK(!fs::exists(startMenu));
    CHECK(!fs::exists(wine.home() / "Desktop" / "imchat.lnk"));
    CHECK(wine.run({"reg", "query", kUninstallKey}, 60s).exitCode != 0);
}

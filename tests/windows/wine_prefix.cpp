#include "wine_prefix.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace wintest {

fs::path requireArtefact(const char* name) {
    const std::string variable = name; // doctest prints a char* as a pointer
    const char* value = std::getenv(name);
    REQUIRE_MESSAGE((value && *value),
                    variable << " is not set: run these tests as tests/windows/run.sh <Windows build dir>");
    REQUIRE_MESSAGE(fs::is_regular_file(value), variable
                                                    << "=" << std::string(value)
                                                    << " is not a file: build it first (scripts/windows.sh)");
    return value;
}

WinePrefix::WinePrefix(fs::path dir) : m_dir(std::move(dir)), m_prefix(m_dir / "prefix") {
    fs::create_directories(home() / "Desktop");
    // The XDG folders too: Wine reads user-dirs.dirs from XDG_CONFIG_HOME to link the Windows desktop.
    // A UTF-8 locale that exists everywhere: Wine decodes the command line with the locale's character set,
    // and one that is not installed (zh_CN.UTF-8 here) turns a Chinese argument into Latin garbage.
    m_env = {"WINEPREFIX=" + m_prefix.string(),
             "LANG=C.UTF-8",
             "LC_ALL=C.UTF-8",
             "HOME=" + home().string(),
             "XDG_CONFIG_HOME=" + (home() / ".config").string(),
             "XDG_DATA_HOME=" + (home() / ".local" / "share").string(),
             "XDG_CACHE_HOME=" + (home() / ".cache").string(),
             "WINEDEBUG=-all",
             "WINEDLLOVERRIDES=winemenubuilder.exe=d"};
    const auto started = std::chrono::steady_clock::now();
    // The first run: wineboot -i makes the registry, C:\windows and the user's folders, and starts
    // services that settle for a few more seconds; wineserver -w waits for those to end.
    const auto boot = support::runToEnd({"wineboot", {"-i"}, m_env}, 180s);
    REQUIRE_MESSAGE(boot.exitCode == 0, "wineboot -i failed (" << boot.exitCode << "): " << boot.err);
    REQUIRE_MESSAGE(waitIdle(120s), "the new prefix did not settle within 2 minutes");
    // Without a window manager, closing a managed window waits 2 s for one.
    const auto unmanaged =
        run({"reg", "add", "HKCU\\Software\\Wine\\X11 Driver", "/v", "Managed", "/d", "N", "/f"}, 60s);
    REQUIRE_MESSAGE(unmanaged.exitCode == 0, "reg add failed: " << unmanaged.out << unmanaged.err);
    for (const auto& entry : fs::directory_iterator(driveC() / "users")) {
        if (entry.is_directory() && entry.path().filename() != "Public") m_profile = entry.path();
    }
    REQUIRE_MESSAGE(!m_profile.empty(), "no user folder under " << (driveC() / "users"));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    MESSAGE("new Wine prefix " << m_prefix << " set up in " << took.count() << " s");
}

WinePrefix::~WinePrefix() {
    // The tests stopped their own programs; this ends what Wine started besides (services, wineserver).
    support::runToEnd({"wineserver", {"-k"}, m_env}, 30s);
    waitIdle(30s);
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
}

WinePrefix& WinePrefix::shared() {
    // Made by the first test that needs it and destroyed at exit, after the last test.
    static WinePrefix s_prefix(fs::temp_directory_path() / ("imchat-wine-" + std::to_string(::getpid())));
    return s_prefix;
}

support::Command WinePrefix::command(const std::vector<std::string>& args, const fs::path& outFile,
                                     const fs::path& errFile) const {
    return {"wine", args, m_env, outFile, errFile};
}

support::RunResult WinePrefix::run(const std::vector<std::string>& args,
                                   std::chrono::milliseconds timeout) const {
    return support::runToEnd(command(args), timeout);
}

bool WinePrefix::waitIdle(std::chrono::milliseconds timeout) const {
    // wineserver -w returns at once when no wineserver runs, and its code says nothing either way.
    return support::runToEnd({"wineserver", {"-w"}, m_env}, timeout).exitCode >= 0;
}

void WinePrefix::installFont(const fs::path& font) const {
    REQUIRE_MESSAGE(fs::is_regular_file(font), font << " is missing: apt-get install fonts-wqy-microhei");
    fs::copy_file(font, driveC() / "windows" / "Fonts" / font.filename(),
                  fs::copy_options::overwrite_existing);
}

std::string WinePrefix::windowsPath(const fs::path& linuxPath) const {
    const fs::path absolute = fs::absolute(linuxPath).lexically_normal();
    const fs::path inC = absolute.lexically_relative(driveC());
    std::string path = !inC.empty() && *inC.begin() != ".." ? "C:/" + inC.string() : "Z:" + absolute.string();
    for (char& c : path) {
        if (c == '/') c = '\\';
    }
    return path;
}

} // namespace wintest

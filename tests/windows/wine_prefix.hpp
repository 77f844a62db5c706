#pragma once
// A Wine prefix of the tests' own (a fresh "Windows user" on a fresh "C:"), and programs run in it. Nothing
// goes into the real home: HOME is a scratch folder (with the Desktop folder Wine links the Windows desktop
// to), winemenubuilder is off, and the prefix lives under the temp dir. Windows are unmanaged (no window
// manager under Xvfb). The destructor ends the prefix's own wineserver (wineserver -k) and removes it all.
//
// Usage:
//   wintest::WinePrefix& wine = wintest::WinePrefix::shared();            // made once per run (~15 s)
//   const auto r = wine.run({setup.string(), "/S"}, 2min);                // wine setup.exe /S
//   REQUIRE(wine.waitIdle(2min));                                         // wineserver -w
//   support::ChildProcess app(wine.command({"C:\\...\\imchat.exe", "--name", "x"}));
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace wintest {

/// The file named by the environment variable name (tests/windows/run.sh sets them); REQUIREs that it exists.
std::filesystem::path requireArtefact(const char* name);

class WinePrefix {
public:
    /// Makes <dir>/home/Desktop and the prefix <dir>/prefix: Wine's first-run set-up (wineboot -i), waited
    /// for, then unmanaged windows. REQUIREs that each step succeeds in time.
    explicit WinePrefix(std::filesystem::path dir);
    /// Ends the prefix's programs and its wineserver (wineserver -k), then removes dir.
    ~WinePrefix();
    WinePrefix(const WinePrefix&) = delete;
    WinePrefix& operator=(const WinePrefix&) = delete;

    /// The prefix the tests of this run share, made on first use and removed at exit: a prefix costs
    /// ~15 s and ~700 MB, and each test makes what it needs in it (an install, a server's data folder).
    static WinePrefix& shared();

    /// "K=V" for running Wine in this prefix: WINEPREFIX, HOME and XDG_*, LANG, WINEDEBUG, WINEDLLOVERRIDES.
    const std::vector<std::string>& env() const { return m_env; }
    /// The command `wine args...` in this prefix, its output to outFile/errFile (empty: kept in memory).
    support::Command command(const std::vector<std::string>& args, const std::filesystem::path& outFile = {},
                             const std::filesystem::path& errFile = {}) const;
    /// Runs `wine args...` to its end, at most timeout.
    support::RunResult run(const std::vector<std::string>& args, std::chrono::milliseconds timeout) const;
    /// Waits until every program in the prefix has ended and its wineserver with them (wineserver -w);
    /// false after timeout.
    bool waitIdle(std::chrono::milliseconds timeout) const;

    /// C:\ as a Linux path.
    std::filesystem::path driveC() const { return m_prefix / "drive_c"; }
    /// The Windows user's profile folder, C:\users\<name>, as a Linux path.
    const std::filesystem::path& profile() const { return m_profile; }
    /// The scratch HOME (Wine links the Windows desktop to its Desktop folder).
    std::filesystem::path home() const { return m_dir / "home"; }
    /// Copies font into C:\windows\Fonts, as a user installing it would (Wine ships no Chinese font).
    void installFont(const std::filesystem::path& font) const;

    /// The Windows spelling of a Linux path in this prefix's C: (C:\...), else of any other (Z:\...).
    std::string windowsPath(const std::filesystem::path& linuxPath) const;

private:
    std::filesystem::path m_dir;
    std::filesystem::path m_prefix;
    std::filesystem::path m_profile;
    std::vector<std::string> m_env;
};

} // namespace wintest

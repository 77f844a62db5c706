// imchat: the chat room window. Parses the command line, then wires Backend, App and settings together.
#include <atomic>
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "app/app.hpp"
#include "app/io/known_servers.hpp"
#include "app/io/settings.hpp"
#include "app/io/utf8_path.hpp"
#include "app/platform/backend.hpp"
#include "app/platform/display_check.hpp"
#include "app/platform/parent_console.hpp"
#include "app/platform/signal_watch.hpp"
#include "net/endpoint.hpp"
#include "net/fingerprint.hpp"

int main(int argc, char** argv) try {
    app::useParentConsole(); // before anything is printed
    // First, before any thread exists: SIGTERM/SIGINT close the window properly (settings are saved).
    std::atomic<bool> stop{false};
    app::SignalWatch signals([&stop] {
        stop = true;
        app::Backend::wake();
    });
    const auto settingsFile = app::settingsPathFromEnvironment();
    const app::Settings saved = app::loadSettings(settingsFile);
    app::AppOptions options;
    options.server = saved.server;
    options.name = saved.name;
    options.prefs = saved.prefs;
    options.stop = &stop;
    std::string lang = saved.prefs.lang;
    float fontSize = saved.prefs.fontSize;

    CLI::App cli("imchat: the chat room window", "imchat");
    cli.set_version_flag("--version", "imchat " IMCHAT_VERSION);
    cli.add_option(
           "--server", options.server,
           "server as host:port, or a room's several servers as host:port,host:port,... tried in turn "
           "when one fails (default: the last one used)")
        ->check(CLI::Validator(
            [](const std::string& text) { return net::parseEndpointList(text, net::kDefaultPort).error; },
            "HOST:PORT[,HOST:PORT...]"));
    cli.add_option("--name", options.name, "user name (default: the last one used)");
    cli.add_option("--lang", lang, "UI language: zh or en (default: the settings, else the locale)")
        ->check(CLI::IsMember({"zh", "en"}));
    cli.add_option("--font-size", fontSize, "font size in pixels (default: the settings)")
        ->check(CLI::Range(8.0f, 64.0f));
    cli.add_option("--screenshot", options.screenshotPath,
                   "save a PNG of the window once it has settled (and again on F12)");
    cli.add_option("--screenshot-after-text", options.screenshotAfterText,
                   "take the screenshot once a message containing this text is shown");
    cli.add_flag("--exit-after-screenshot", options.exitAfterScreenshot, "quit once the screenshot is saved");
    std::string trust;
    cli.add_option("--trust", trust,
                   "trust this key fingerprint for --server (each server of a list) before connecting "
                   "(imchat-server --fingerprint prints it), for scripted installs");
    cli.add_flag("--plaintext", options.plaintext,
                 "connect without TLS, to a server run with --allow-plaintext: anyone on the network reads "
                 "everything");
    CLI11_PARSE(cli, argc, argv);
    if (!trust.empty()) {
        const auto fingerprint = net::parseFingerprint(trust);
        const auto servers = net::parseEndpointList(options.server, net::kDefaultPort);
        if (!fingerprint) {
            std::fprintf(stderr, "imchat: --trust needs a fingerprint of 64 hex digits\n");
            return 1;
        }
        if (!servers.error.empty()) {
            std::fprintf(stderr, "imchat: --server: %s\n", servers.error.c_str());
            return 1;
        }
        const app::KnownServers known(app::KnownServers::defaultPath());
        if (!known.trust(servers.endpoints, *fingerprint)) {
            std::fprintf(stderr, "imchat: cannot write %s\n", app::utf8Path(known.path()).c_str());
            return 1;
        }
    }
    options.lang = app::parseLang(lang).value_or(app::detectLangFromEnvironment());
    // The flag wins over the saved size, and is remembered like --server and --name (else the preference
    // put the saved size back on the first frame).
    options.fontSize = options.prefs.fontSize = fontSize;

    if (const std::string why = app::noDisplayExplanation(); !why.empty()) {
        std::fprintf(stderr, "imchat: %s", why.c_str());
        return 2;
    }
    app::Backend backend;
    if (!backend.init("imchat", 1100, 720)) return 1; // GLFW's error callback said why
    int code = 0;
    {
        app::App window(backend, options);
        std::string error;
        if (!window.init(error)) {
            app::reportStartFailure(error);
            return 1;
        }
        app::runFrameLoop(backend, window);
        const app::Settings remembered = window.settings();
        if (!(remembered == saved)) app::saveSettings(settingsFile, remembered);
        code = window.exitCode();
    }
    return code;
} catch (const std::exception& e) {
    app::reportStartFailure(e.what());
    return 1;
}

// Real-window tests of the server's key: the first-contact dialog and the changed-key block, read from the
// window's screenshot report and clicked as a person would.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "app/io/known_servers.hpp"
#include "app/text/i18n.hpp"
#include "gui_session.hpp"
#include "support/joined_client.hpp"
#include "support/numbered.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const app::Strings& zh = app::strings(app::Lang::Zh); // the windows run in Chinese

struct Control {
    int x = 0, y = 0; // its centre
    bool enabled = false;
};

/// The button or checkbox labelled label in the last screenshot report.
std::optional<Control> control(const apptest::ImchatWindow& window, const std::string& label) {
    std::istringstream report(window.lastReport());
    const std::string prefix = "imchat: screenshot control: ";
    for (std::string line; std::getline(report, line);) {
        if (line.rfind(prefix, 0) != 0) continue;
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        char state[16] = {};
        int consumed = 0;
        if (std::sscanf(line.c_str() + prefix.size(), "%f %f %f %f %15s %n", &x0, &y0, &x1, &y1, state,
                        &consumed) != 5 ||
            line.substr(prefix.size() + static_cast<std::size_t>(consumed)) != label)
            continue;
        return Control{static_cast<int>((x0 + x1) / 2), static_cast<int>((y0 + y1) / 2),
                       std::string(state) == "enabled"};
    }
    return std::nullopt;
}

/// The known_servers file of the window started with shot (its config dir is <room>/cfg-<shot>).
fs::path knownServersOf(const apptest::GuiRoom& room, const std::string& shot) {
    return room.dir() / ("cfg-" + shot) / "imchat" / "known_servers";
}

} // namespace

TEST_CASE("e2e: first contact shows the server's key to compare, and trusting it pins it and joins") {
    apptest::GuiRoom room("trust-first");
    support::JoinedClient watcher(room.port(), "watcher");
    apptest::ImchatWindow lena(room, {"lena", "trust-first", "", false, {}, false});
    REQUIRE_MESSAGE(lena.waitForScreenshots(1), "no screenshot: " << lena.err());
    fs::copy_file(lena.screenshot(), fs::path(lena.screenshot()).replace_filename("trust-first-dialog.png"),
                  fs::copy_options::overwrite_existing);
    INFO("report:\n" << lena.lastReport());
    CHECK(lena.lastReport().find("screenshot connection: key-unknown") != std::string::npos);
    CHECK(lena.lastReport().find(std::string("screenshot popup: ") + zh.trustTitle + "##trust") !=
          std::string::npos);
    CHECK_FALSE(watcher.waitFor<net::Joined>(500ms)); // nothing sent before the user answers
    const auto trust = control(lena, zh.trust);
    REQUIRE(trust);
    CHECK(trust->enabled);

    REQUIRE(lena.find("imchat - lena"));
    REQUIRE(lena.focus());
    CHECK(lena.click(trust->x, trust->y));
    const auto joined = watcher.waitFor<net::Joined>(10s);
    REQUIRE(joined);
    CHECK(joined->name == "lena");
    CHECK(app::KnownServers(knownServersOf(room, "trust-first"))
              .find(support::numbered("127.0.0.1:", room.port())) == room.fingerprint());
    REQUIRE(lena.screenshotNow());
    CHECK(lena.lastReport().find("screenshot connection: online, encrypted, guest") != std::string::npos);
    CHECK(lena.terminate() == 0);
}

TEST_CASE("e2e: a changed key blocks the window until the user ticks that the new key was checked") {
    apptest::GuiRoom room("trust-changed");
    support::JoinedClient watcher(room.port(), "watcher");
    const std::string endpoint = support::numbered("127.0.0.1:", room.port());
    const std::string old(64, 'e');
    REQUIRE(app::KnownServers(knownServersOf(room, "trust-changed")).trust(endpoint, old));

    apptest::ImchatWindow max(room, {"max", "trust-changed", "", false, {}, false});
    REQUIRE_MESSAGE(max.waitForScreenshots(1), "no screenshot: " << max.err());
    fs::copy_file(max.screenshot(), fs::path(max.screenshot()).replace_filename("trust-changed-blocked.png"),
                  fs::copy_options::overwrite_existing);
    INFO("report:\n" << max.lastReport());
    CHECK(max.lastReport().find("screenshot connection: key-changed") != std::string::npos);
    const auto checked = control(max, zh.keyChecked);
    const auto trustNew = control(max, zh.trustNewKey);
    REQUIRE(checked);
    REQUIRE(trustNew);
    CHECK_FALSE(trustNew->enabled);

    REQUIRE(max.find("imchat - max"));
    REQUIRE(max.focus());
    CHECK(max.click(trustNew->x, trustNew->y)); // disabled: nothing happens
    CHECK_FALSE(watcher.waitFor<net::Joined>(1s));
    CHECK(max.click(checked->x, checked->y));
    REQUIRE(max.screenshotNow());
    const auto enabled = control(max, zh.trustNewKey);
    REQUIRE(enabled);
    CHECK(enabled->enabled);
    CHECK(max.click(enabled->x, enabled->y));
    REQUIRE(watcher.waitFor<net::Joined>(10s));
    const app::KnownServers known(knownServersOf(room, "trust-changed"));
    CHECK(known.find(endpoint) == room.fingerprint());
    CHECK(max.terminate() == 0);
}

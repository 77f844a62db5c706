// End to end through real windows: a real imchat-server, two real imchat windows under X (Xvfb in CI),
// real keystrokes from xdotool into alice's window, and bob's window must show the message.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>

#include "support/server_process.hpp"
#include "support/test_client.hpp"
#include "window_process.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const char* const kTyped = "hi 你好聊";

void requireDisplay() {
    const char* display = std::getenv("DISPLAY");
    REQUIRE_MESSAGE((display && *display),
                    "this test opens real windows and needs an X display; run it as "
                    "xvfb-run -a -s \"-screen 0 1280x800x24\" ctest ... (see README)");
    const auto [code, out] = apptest::runCommand({"xdotool", "version"}, 5s);
    REQUIRE_MESSAGE(code == 0, "xdotool is needed to type into the window: apt-get install xdotool");
}

/// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<unsigned, unsigned> pngSize(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char h[24] = {};
    if (!in.read(reinterpret_cast<char*>(h), sizeof h) || h[1] != 'P' || h[2] != 'N' || h[3] != 'G') return {0, 0};
    const auto be32 = [&](int at) {
        return (unsigned(h[at]) << 24) | (unsigned(h[at + 1]) << 16) | (unsigned(h[at + 2]) << 8) | h[at + 3];
    };
    return {be32(16), be32(20)};
}

/// The X window id of the window titled exactly title, waiting up to timeout for it to appear.
std::string findWindow(const std::string& title, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto [code, out] = apptest::runCommand({"xdotool", "search", "--name", "^" + title + "$"}, 5s);
        if (code == 0 && !out.empty()) return out.substr(0, out.find('\n'));
        std::this_thread::sleep_for(100ms);
    }
    return {};
}

struct Window {
    fs::path screenshot;
    std::unique_ptr<apptest::WindowProcess> process;
};

Window startWindow(const std::string& name, std::uint16_t port, const fs::path& dir, const fs::path& shots) {
    Window w;
    w.screenshot = shots / (name + ".png");
    fs::remove(w.screenshot);
    w.process = std::make_unique<apptest::WindowProcess>(
        IMCHAT_APP_PATH,
        std::vector<std::string>{"--server", "127.0.0.1:" + std::to_string(port), "--name", name, "--lang", "zh",
                                 "--screenshot", w.screenshot.string(), "--screenshot-after-text", kTyped,
                                 "--exit-after-screenshot"},
        std::vector<std::string>{"XDG_CONFIG_HOME=" + (dir / name).string(), "LANG=zh_CN.UTF-8"},
        (dir / (name + ".out")).string(), (dir / (name + ".err")).string());
    return w;
}

} // namespace

TEST_CASE("e2e: typed into alice's window, shown in bob's window and received by a client") {
    requireDisplay();
    const fs::path dir = fs::temp_directory_path() / ("imchat-e2e-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path shots = IMCHAT_SCREENSHOT_DIR;
    fs::create_directories(shots);

    support::ServerProcess server;
    // carol is a plain protocol client: she leaves history behind and watches the room.
    support::TestClient carol;
    carol.connect(server.port());
    carol.join("carol");
    carol.send(net::Say{1, "历史消息：欢迎来到聊天室"});
    carol.expect<net::Chat>();

    Window bob = startWindow("bob", server.port(), dir, shots);
    REQUIRE(carol.waitFor<net::Joined>(15s).has_value()); // bob's window is online
    Window alice = startWindow("alice", server.port(), dir, shots);
    const auto joined = carol.waitFor<net::Joined>(15s);
    REQUIRE(joined.has_value());
    CHECK(joined->name == "alice");
    CHECK(joined->online == 3);

    const std::string wid = findWindow("imchat - alice", 10s);
    REQUIRE_MESSAGE(!wid.empty(), "alice's window never appeared; stderr: " << alice.process->err());
    CHECK(apptest::runCommand({"xdotool", "windowfocus", "--sync", wid}, 5s).first == 0);
    CHECK(apptest::runCommand({"xdotool", "type", "--delay", "30", kTyped}, 10s).first == 0);
    CHECK(apptest::runCommand({"xdotool", "key", "Return"}, 5s).first == 0);

    // The server broadcast what was typed, stamped with alice's name.
    const auto chat = carol.waitFor<net::Chat>(10s);
    REQUIRE(chat.has_value());
    CHECK(chat->name == "alice");
    CHECK(chat->text == kTyped);

    // bob's window showed it, took its screenshot and quit.
    REQUIRE_MESSAGE(bob.process->waitExit(20s) == 0, "bob: " << bob.process->out() << bob.process->err());
    const std::string bobOut = bob.process->out();
    INFO("bob printed:\n" << bobOut);
    CHECK(bobOut.find("screenshot row: chat alice: hi 你好聊") != std::string::npos);
    CHECK(bobOut.find("screenshot row: separator") != std::string::npos);
    CHECK(bobOut.find("screenshot row: chat carol: 历史消息：欢迎来到聊天室") != std::string::npos);
    CHECK(bobOut.find("screenshot row: notice : alice 加入了聊天室，当前 3 人") != std::string::npos);
    CHECK(bobOut.find("online 3") != std::string::npos);
    const auto [w, h] = pngSize(bob.screenshot);
    CHECK(w >= 400);
    CHECK(h >= 300);
    CHECK(fs::file_size(bob.screenshot) > 10'000); // text on it, not a blank frame

    REQUIRE_MESSAGE(alice.process->waitExit(20s) == 0, "alice: " << alice.process->out() << alice.process->err());
    CHECK(alice.process->out().find("screenshot row: chat alice: hi 你好聊") != std::string::npos);
    CHECK(pngSize(alice.screenshot).first >= 400);
    fs::remove_all(dir);
}

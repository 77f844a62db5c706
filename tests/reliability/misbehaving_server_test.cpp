// The real imchat window against servers that misbehave (garbage bytes, a frame cut off mid-way, a peer that
// accepts and never answers): it keeps running, drawing and taking input, lets go of each bad link and says
// why in its top bar, and joins as soon as a real server appears on that port.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <thread>
#include <unistd.h>

#include "net/codec.hpp"
#include "net/raw_listener.hpp"
#include "support/child_process.hpp"
#include "support/joined_client.hpp"
#include "support/server_process.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using support::ChildProcess;
using Clock = std::chrono::steady_clock;

namespace {

/// Waits until the peer closes fd (the client gave up on this link); false after timeout.
bool closedByClient(int fd, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    char buf[4096];
    while (Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) == 1 && ::read(fd, buf, sizeof buf) <= 0) return true;
    }
    return false;
}

/// Reads what the client sent (its Hello); false if nothing came within timeout.
bool readSome(int fd, std::chrono::milliseconds timeout) {
    pollfd p{fd, POLLIN, 0};
    char buf[4096];
    return ::poll(&p, 1, static_cast<int>(timeout.count())) == 1 && ::read(fd, buf, sizeof buf) > 0;
}

/// Frames the window has presented so far (IMCHAT_BENCH_TRACE prints a line after each).
std::size_t framesPresented(const ChildProcess& window) {
    const std::string out = window.out();
    std::size_t n = 0;
    for (auto at = out.find("imchat: trace present "); at != std::string::npos;
         at = out.find("imchat: trace present ", at + 1))
        ++n;
    return n;
}

/// The frame count once the window stopped drawing (it draws a few frames after each event, then idles).
std::size_t settledFrames(const ChildProcess& window) {
    std::size_t n = framesPresented(window);
    for (int i = 0; i < 10; ++i) {
        std::this_thread::sleep_for(300ms);
        const std::size_t now = framesPresented(window);
        if (now == n) break;
        n = now;
    }
    return n;
}

/// Waits until the window presented more than `before` frames: it drew what just happened to its link.
bool drewSince(const ChildProcess& window, std::size_t before, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (framesPresented(window) <= before && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
    return framesPresented(window) > before;
}

/// The connection state lines the window drew once its output had reached `since` bytes (IMCHAT_BENCH_TRACE
/// prints each new one), one per line.
std::string statesShown(const ChildProcess& window, std::size_t since) {
    const std::string out = window.out(), tag = "imchat: trace state ";
    std::string states;
    for (auto at = out.find(tag, since); at != std::string::npos; at = out.find(tag, at + 1))
        states += out.substr(at + tag.size(), out.find('\n', at) - at - tag.size()) + "\n";
    return states;
}

/// Waits until the window drew a state line holding `words` since `since`: it told its user why the link
/// went.
bool showedWhy(const ChildProcess& window, std::size_t since, const std::string& words,
               std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (statesShown(window, since).find(words) == std::string::npos) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

/// Runs xdotool with args (at most 20 s): how it ended and what it printed.
support::RunResult xdotool(const std::vector<std::string>& args) {
    return support::runToEnd({"xdotool", args}, 20s);
}

/// Types a line into the window titled title, with real key events, then Return; false if xdotool failed.
bool typeInto(const std::string& title, const std::string& text) {
    const std::string id = xdotool({"search", "--onlyvisible", "--name", "^" + title + "$"}).out;
    if (id.empty()) return false;
    const std::string wid = id.substr(0, id.find('\n'));
    return xdotool({"windowfocus", "--sync", wid}).exitCode == 0 &&
           xdotool({"type", "--delay", "30", text}).exitCode == 0 && xdotool({"key", "Return"}).exitCode == 0;
}

} // namespace

TEST_CASE("the window survives garbage, a frame cut mid-way and a silent server, then joins the real one") {
    const char* display = std::getenv("DISPLAY");
    REQUIRE_MESSAGE((display && *display), "needs an X display: scripts/xvfb.sh ctest ...");
    const fs::path dir = fs::temp_directory_path() / ("imchat-misbehaving-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path shot = dir / "while-silent.png";

    testnet::RawListener fake;
    const std::uint16_t port = fake.port();
    // --plaintext: the fake server speaks frames without TLS. No --screenshot-after-text: the window saves a
    // screenshot 5 s after start when it is not online by then, which falls in the silent server's turn
    // below; it is the proof that frames are still being drawn.
    const std::vector<std::string> args{"--server",     "127.0.0.1:" + std::to_string(port),
                                        "--name",       "alice",
                                        "--lang",       "en",
                                        "--screenshot", shot.string(),
                                        "--plaintext"};
    // The trace line after every presented frame shows the window drawing through each fault.
    const std::vector<std::string> env{"XDG_CONFIG_HOME=" + (dir / "config").string(),
                                       "LSAN_OPTIONS=detect_leaks=0", "IMCHAT_BENCH_TRACE=1"};
    ChildProcess window({IMCHAT_APP_PATH, args, env, dir / "alice.out", dir / "alice.err"});
    const auto started = Clock::now();

    // 1. Garbage: an HTTP reply where a frame should be. The client must drop the link.
    int fd = fake.acceptOne(10s);
    REQUIRE_MESSAGE(fd >= 0, "the window never connected: " << window.err());
    CHECK(drewSince(window, 0, 5s));
    std::size_t frames = settledFrames(window);
    std::size_t outSeen = window.out().size();
    const std::string garbage = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    CHECK(::write(fd, garbage.data(), garbage.size()) > 0);
    CHECK(closedByClient(fd, 5s));
    ::close(fd);
    CHECK(drewSince(window, frames, 3s));
    CHECK_MESSAGE(showedWhy(window, outSeen, "the server sent data this window cannot read", 3s),
                  "the window said:\n"
                      << statesShown(window, outSeen));
    CHECK(window.running());

    // 2. A Welcome cut off in the middle, then the server goes away.
    fd = fake.acceptOne(10s);
    REQUIRE(fd >= 0);
    const std::string welcome =
        net::encode(net::Welcome{net::kProtocolVersion, "alice", "127.0.0.1", {}, 0, 4096, 5000});
    frames = settledFrames(window);
    outSeen = window.out().size();
    // The Hello is read first: closing on unread bytes would be a reset, not the close this step is about.
    CHECK(readSome(fd, 5s));
    CHECK(::write(fd, welcome.data(), welcome.size() / 2) > 0);
    ::close(fd);
    CHECK(drewSince(window, frames, 3s));
    CHECK_MESSAGE(showedWhy(window, outSeen, "the server closed the connection", 3s),
                  "the window said:\n"
                      << statesShown(window, outSeen));
    CHECK(window.running());

    // 3. Accepts and never answers: the window keeps drawing (its screenshot comes now) and gives up on the
    //    link by itself (no Welcome in time).
    fd = fake.acceptOne(10s);
    REQUIRE(fd >= 0);
    const auto silentSince = Clock::now();
    while (window.out().find("screenshot saved") == std::string::npos && Clock::now() - started < 15s)
        std::this_thread::sleep_for(100ms);
    INFO("window stdout:\n" << window.out() << "\nstderr:\n" << window.err());
    CHECK(window.out().find("screenshot saved") != std::string::npos);
    CHECK(window.out().find("screenshot title: imchat - alice") != std::string::npos);
    CHECK(fs::exists(shot));
    frames = settledFrames(window);
    outSeen = window.out().size();
    // It takes input meanwhile: what is typed now waits in the outbox for a server that answers.
    CHECK(typeInto("imchat - alice", "typed while the server was silent"));
    CHECK(closedByClient(fd, 15s));
    CHECK(Clock::now() - silentSince > 1s); // it waited for an answer first
    ::close(fd);
    CHECK(drewSince(window, frames, 3s));
    CHECK_MESSAGE(showedWhy(window, outSeen,
                            "127.0.0.1:" + std::to_string(port) + " did not answer the request to join", 3s),
                  "the window said:\n"
                      << statesShown(window, outSeen));
    REQUIRE(window.running());

    // 4. A real server on the same port: the window joins it on its next attempt.
    fake.close();
    support::ServerProcess server(support::ServerProcess::Options{port, {}, {}});
    support::JoinedClient bob(port, "bob");
    const auto joined = bob.waitFor<net::Joined>(20s);
    REQUIRE_MESSAGE(joined, "the window never joined the real server");
    CHECK(joined->name == "alice");
    // What was typed while the server was silent arrives now, and the window still takes input.
    auto said = bob.waitFor<net::Chat>(10s);
    REQUIRE(said);
    CHECK(said->name == "alice");
    CHECK(said->text == "typed while the server was silent");
    CHECK(typeInto("imchat - alice", "back online"));
    said = bob.waitFor<net::Chat>(10s);
    REQUIRE(said);
    CHECK(said->text == "back online");

    // And it closes cleanly: no crash was hiding anywhere above, and (in the IMCHAT_SANITIZE build) no
    // sanitizer spoke.
    CHECK(window.stop(5s) == 0);
    CHECK(window.err().find("Sanitizer") == std::string::npos);
    CHECK(window.err().find("runtime error") == std::string::npos);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

#include "bench/client/window_bench.hpp"

#include <random>
#include <stdexcept>
#include <thread>

#include "bench/client/imchat_window.hpp"
#include "bench/client/peer.hpp"
#include "bench/client/self_usage.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/proc_stats.hpp"

namespace cbench {
namespace {

using namespace std::chrono_literals;
using Kind = TraceLine::Kind;

/// Frames presented in lines [from, to).
double presentsBetween(ImchatWindow& w, std::size_t from, std::size_t to) {
    double n = 0;
    for (std::size_t i = from; i < to; ++i) n += w.trace(i).kind == Kind::Present ? 1 : 0;
    return n;
}

/// The window's X id (xdotool), or "" when xdotool is missing or finds none.
std::string windowId(const std::string& title) {
    try {
        const auto found =
            support::runToEnd({"xdotool", {"search", "--onlyvisible", "--name", "^" + title + "$"}}, 5s);
        return found.out.substr(0, found.out.find('\n'));
    } catch (const std::runtime_error&) { // no xdotool: the pointer is not measured
        return {};
    }
}

/// Moves the pointer back and forth over the still scrollback (one xdotool call per move, 20 ms apart) and
/// records imchat's CPU and frames meanwhile: hovering over nothing that reacts should cost no rendering.
void measurePointer(ImchatWindow& w, const std::string& title, IdleLatencyResult& r) {
    const std::string id = windowId(title);
    if (id.empty()) return;
    constexpr int kMoves = 100;
    const pid_t pid = w.process().pid();
    const std::size_t lines = w.output().lineCount();
    const double cpuBefore = support::scheduledNs(pid);
    const double t0 = monotonicMs();
    for (int i = 0; i < kMoves; ++i) {
        const std::vector<std::string> move{"mousemove", "--window", id, std::to_string(300 + (i % 20) * 10),
                                            std::to_string(250 + (i % 7) * 10)};
        if (support::runToEnd({"xdotool", move}, 5s).exitCode != 0) return;
        std::this_thread::sleep_for(20ms);
    }
    std::this_thread::sleep_for(200ms); // the frames after the last move
    r.pointerMoves = kMoves;
    r.pointerSeconds = (monotonicMs() - t0) / 1e3;
    r.pointerCpuSeconds = (support::scheduledNs(pid) - cpuBefore) / 1e9;
    r.pointerFrames = presentsBetween(w, lines, w.output().lineCount());
}

/// Waits for the joined room's history to be on screen; the index of that frame's trace line.
std::optional<std::size_t> waitHistoryShown(ImchatWindow& w) {
    const auto welcome = w.waitTrace(Kind::Welcome, 0, 10s);
    if (!welcome) return std::nullopt;
    return w.waitTrace(Kind::Present, *welcome + 1, 5s);
}

} // namespace

StartupResult runStartup(const RoomServer& server, const WindowOptions& options) {
    StartupResult r;
    for (int run = 1; run <= options.runs; ++run) {
        ImchatWindow w(options.imchat, server, "startup" + std::to_string(run));
        const double started = w.startedAtMs();
        const auto first = w.waitTrace(Kind::Present, 0, 10s);
        const auto shown = first ? waitHistoryShown(w) : std::nullopt;
        if (!shown) {
            r.error = "imchat showed no frame with the room's history:\n" + w.process().out();
            return r;
        }
        r.firstFrameMs.push_back(w.trace(*first).ms - started);
        r.historyFrameMs.push_back(w.trace(*shown).ms - started);
        const auto sample = support::sampleProcess(w.process().pid());
        r.rssMiB.push_back(sample ? static_cast<double>(sample->rssKiB) / 1024.0 : 0.0);
        if (const int code = w.process().stop(); code != 0) {
            r.error = "imchat exited with " + std::to_string(code) + ":\n" + w.process().out();
            return r;
        }
    }
    return r;
}

IdleLatencyResult runIdleLatency(const RoomServer& server, const WindowOptions& options) {
    IdleLatencyResult r;
    // The last messages each bring a character nobody used yet: the glyph atlas grows in their frames.
    static const std::vector<std::string> kNewGlyphs = {"龘", "齉", "爩", "靐", "驫",
                                                        "鱻", "麤", "龖", "厵", "灪"};
    const int newGlyphs = std::min<int>(static_cast<int>(kNewGlyphs.size()), options.latencyMessages);
    const int total = options.latencyMessages + newGlyphs;
    const auto textOf = [&](int i) {
        return i < options.latencyMessages
                   ? "lat#" + std::to_string(i) + "; 测试消息 socket to screen"
                   : kNewGlyphs[i - options.latencyMessages] + " new#" + std::to_string(i) + ";";
    };
    const std::string lastText = textOf(total - 1);
    ImchatWindow w(options.imchat, server, "watcher",
                   {"--screenshot", server.dir() + "/latency.png", "--screenshot-after-text", lastText});
    if (!waitHistoryShown(w)) {
        r.error = "imchat showed no frame with the room's history:\n" + w.process().out();
        return r;
    }
    std::this_thread::sleep_for(1s); // the last frames after activity, then it waits for events

    const pid_t pid = w.process().pid();
    for (int run = 0; run < options.runs; ++run) {
        const std::size_t lines = w.output().lineCount();
        const auto before = support::sampleProcess(pid);
        const double schedBefore = support::scheduledNs(pid);
        const double t0 = monotonicMs();
        std::this_thread::sleep_for(std::chrono::duration<double>(options.idleSeconds));
        const auto after = support::sampleProcess(pid);
        const double wall = monotonicMs() - t0;
        if (!before || !after) {
            r.error = "imchat exited while idle:\n" + w.process().out();
            return r;
        }
        r.idlePercent.push_back((after->cpuSeconds - before->cpuSeconds) * 1e3 / wall * 100.0);
        r.idleSchedPercent.push_back((support::scheduledNs(pid) - schedBefore) / 1e6 / wall * 100.0);
        r.idleFrames.push_back(presentsBetween(w, lines, w.output().lineCount()));
    }
    measurePointer(w, "imchat - watcher", r);

    Peer sender(server.port(), server.fingerprint(), "sender", 50.0);
    if (!sender.waitOnline(5s)) {
        r.error = "the sending client was not welcomed";
        return r;
    }
    std::this_thread::sleep_for(500ms); // the window shows the join notice and goes idle again
    std::mt19937 rng(5);
    std::size_t cursor = w.output().lineCount();
    const std::size_t firstLine = cursor;
    const double cpuBefore = support::scheduledNs(pid);
    // The main thread alone: the UI thread (ImGui, the app, Mesa's calls), not llvmpipe's raster threads.
    const double uiBefore = support::scheduledNs(pid, true);
    for (int i = 0; i < total; ++i) {
        const std::string text = textOf(i);
        const double sent = monotonicMs();
        if (!sender.say(text)) {
            r.error = "the sending client's outbox is full";
            return r;
        }
        const auto echo = sender.waitChat(text, 5s);
        const auto drained = w.waitTrace(Kind::Chat, cursor, 5s, text);
        const auto shown = drained ? w.waitTrace(Kind::Present, *drained + 1, 5s) : std::nullopt;
        if (!echo || !shown) {
            r.error = "message " + text + " was not " + (echo ? "shown by imchat" : "echoed to its sender");
            return r;
        }
        const std::size_t shownAt = shown.value_or(0); // (GCC 12 sees *shown as maybe uninitialised)
        const double present = w.trace(shownAt).ms;
        if (i >= options.latencyMessages) {
            r.newGlyphEchoToPresent.push_back(present - *echo);
        } else {
            r.sendToEcho.push_back(*echo - sent);
            r.echoToPresent.push_back(present - *echo);
            r.echoToDrain.push_back(w.trace(*drained).ms - *echo);
            r.drainToPresent.push_back(present - w.trace(*drained).ms);
            // Frames presented after the message arrived but before the UI thread took it: it waited for
            // them.
            for (std::size_t j = cursor; j < *drained; ++j) {
                const TraceLine t = w.trace(j);
                if (t.kind == Kind::Present && t.ms > *echo) ++r.framesWaited;
            }
            r.sendToPresent.push_back(present - sent);
        }
        cursor = shownAt + 1;
        // Apart enough that the window is idle again when the next one comes, unevenly so nothing
        // phase-locks.
        std::this_thread::sleep_for(std::chrono::milliseconds(80 + rng() % 60));
    }
    const double frames = std::max(1.0, presentsBetween(w, firstLine, cursor));
    r.framesPerMessage = frames / total;
    r.cpuPerFrameMs = (support::scheduledNs(pid) - cpuBefore) / 1e6 / frames;
    r.uiCpuPerFrameMs = (support::scheduledNs(pid, true) - uiBefore) / 1e6 / frames;
    // The screenshot taken once the last message was shown lists what is on screen.
    const std::string row = "imchat: screenshot row: chat sender: " + lastText;
    if (!w.output().waitLine([&](const std::string& l) { return l == row; }, 5s))
        r.error = "the last message is not among the rows on screen:\n" + w.process().out();
    return r;
}

} // namespace cbench

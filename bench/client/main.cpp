// imchat-bench-client: measures the client against the targets of issues 5 and 7 and prints key=value lines
// (one per run, then the medians). Exits non-zero when a measurement could not be made.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "bench/client/imchat_window.hpp"
#include "bench/client/room_server.hpp"
#include "bench/client/scroll_bench.hpp"
#include "bench/client/stats.hpp"
#include "bench/client/window_bench.hpp"

namespace {

/// A frame at 60 Hz: "on screen within one frame" means within this of arriving on the socket.
constexpr double kFrameMs = 1000.0 / 60.0;

struct Config {
    bool smoke = false;
    int runs = 5;
    std::size_t messages = 1'000'000;
    std::vector<std::string> only;
    std::string imchat = IMCHAT_APP_PATH;
    std::string server = IMCHAT_SERVER_PATH;
    double idleSeconds = 10.0;
    int idleRuns = 3;
    int latencyMessages = 100;
};

bool wanted(const Config& c, const std::string& name) {
    return c.only.empty() || std::find(c.only.begin(), c.only.end(), name) != c.only.end();
}

const char* verdict(bool met) { return met ? "met" : "MISSED"; }

bool scroll(const Config& config) {
    cbench::ScrollOptions options;
    options.messages = config.messages;
    if (config.smoke) options.jumps = 20;
    std::vector<double> p50, p99, jumpP50, bytes, layout, small, large, restore, live;
    for (int r = 1; r <= config.runs; ++r) {
        const cbench::ScrollResult s = cbench::runScrollBench(options);
        if (!s.error.empty()) {
            std::printf("scroll run=%d error=\"%s\"\n", r, s.error.c_str());
            return false;
        }
        std::vector<double> all = s.jumpMs;
        all.insert(all.end(), s.wheelMs.begin(), s.wheelMs.end());
        const double perMessage = s.modelBytes + s.layoutBytes;
        std::printf(
            "scroll run=%d messages=%zu text_bytes=%.1f model_B_per_msg=%.1f layout_B_per_msg=%.1f "
            "B_per_msg=%.1f rss_B_per_msg=%s load_ms=%.0f glyphs=%zu atlas=%dx%d atlas_ms=%.1f "
            "layout_ms=%.1f frames=%zu frame_p50_ms=%.3f frame_p99_ms=%.3f frame_max_ms=%.3f "
            "jump_p50_ms=%.3f wheel_p50_ms=%.3f resize_small_ms=%.2f resize_large_ms=%.2f "
            "resize_back_ms=%.2f live_frame_ms=%.3f\n",
            r, options.messages, s.textBytes, s.modelBytes, s.layoutBytes, perMessage,
            // Later runs reuse the memory the earlier ones freed: only the first one's RSS growth means much.
            r == 1 ? std::to_string(static_cast<int>(s.rssBytes)).c_str() : "-", s.loadMs, s.glyphs,
            s.atlasWidth, s.atlasHeight, s.atlasMs, s.layoutMs, all.size(), cbench::quantile(all, 0.5),
            cbench::quantile(all, 0.99), cbench::maximum(all), cbench::median(s.jumpMs),
            cbench::median(s.wheelMs), s.smallResizeMs, s.largeResizeMs, s.restoreMs, s.liveMs);
        for (const cbench::LayoutStep& step : s.probe)
            std::printf(
                "scroll run=%d layout_probe width=%.0f remeasured=%zu remeasured_text_MB=%.1f ms=%.1f\n", r,
                step.width, step.remeasured, static_cast<double>(step.bytes) / 1e6, step.ms);
        std::fflush(stdout);
        p50.push_back(cbench::quantile(all, 0.5));
        p99.push_back(cbench::quantile(all, 0.99));
        bytes.push_back(perMessage);
        layout.push_back(s.layoutMs);
        small.push_back(s.smallResizeMs);
        large.push_back(s.largeResizeMs);
        restore.push_back(s.restoreMs);
        live.push_back(s.liveMs);
    }
    using cbench::median;
    std::printf("scroll median runs=%d frame_p50_ms=%.3f frame_p99_ms=%.3f B_per_msg=%.1f layout_ms=%.1f "
                "resize_small_ms=%.2f resize_large_ms=%.2f resize_back_ms=%.2f live_frame_ms=%.3f\n",
                config.runs, median(p50), median(p99), median(bytes), median(layout), median(small),
                median(large), median(restore), median(live));
    std::printf("target frame_p99<=2ms: %s; target <=250B/msg: %s\n", verdict(median(p99) <= 2.0),
                verdict(median(bytes) <= 250.0));
    return true;
}

bool startup(const Config& config, const cbench::RoomServer& server) {
    cbench::WindowOptions options{config.imchat, config.runs};
    const cbench::StartupResult s = cbench::runStartup(server, options);
    for (std::size_t i = 0; i < s.firstFrameMs.size(); ++i)
        std::printf("startup run=%zu first_frame_ms=%.1f history_frame_ms=%.1f rss_MiB=%.1f\n", i + 1,
                    s.firstFrameMs[i], s.historyFrameMs[i], s.rssMiB[i]);
    if (!s.error.empty()) {
        std::printf("startup error=\"%s\"\n", s.error.c_str());
        return false;
    }
    using cbench::median;
    std::printf("startup median runs=%d first_frame_ms=%.1f history_frame_ms=%.1f max_first_frame_ms=%.1f "
                "rss_MiB=%.1f\n",
                config.runs, median(s.firstFrameMs), median(s.historyFrameMs),
                cbench::maximum(s.firstFrameMs), median(s.rssMiB));
    std::printf("target first_frame<=300ms: %s\n", verdict(median(s.firstFrameMs) <= 300.0));
    return true;
}

bool idleLatency(const Config& config, const cbench::RoomServer& server) {
    cbench::WindowOptions options{config.imchat, config.idleRuns, config.idleSeconds, config.latencyMessages};
    const cbench::IdleLatencyResult s = cbench::runIdleLatency(server, options);
    for (std::size_t i = 0; i < s.idlePercent.size(); ++i)
        std::printf("idle run=%zu seconds=%.0f cpu_pct=%.3f sched_cpu_pct=%.3f frames=%.0f\n", i + 1,
                    config.idleSeconds, s.idlePercent[i], s.idleSchedPercent[i], s.idleFrames[i]);
    if (!s.error.empty()) {
        std::printf("idle_latency error=\"%s\"\n", s.error.c_str());
        return false;
    }
    using cbench::median;
    using cbench::quantile;
    std::printf("idle median runs=%d cpu_pct=%.3f sched_cpu_pct=%.3f\n", config.idleRuns,
                median(s.idlePercent), median(s.idleSchedPercent));
    if (s.pointerMoves > 0)
        std::printf("pointer moves=%d seconds=%.2f cpu_s=%.3f cpu_pct=%.1f frames=%.0f\n", s.pointerMoves,
                    s.pointerSeconds, s.pointerCpuSeconds, s.pointerCpuSeconds / s.pointerSeconds * 100.0,
                    s.pointerFrames);
    else std::printf("pointer skipped: xdotool is missing\n");
    std::printf(
        "latency messages=%zu echo_to_present_p50_ms=%.2f p99_ms=%.2f max_ms=%.2f echo_to_ui_p50_ms=%.2f "
        "p99_ms=%.2f ui_to_present_p50_ms=%.2f p99_ms=%.2f frames_waited=%u send_to_echo_p50_ms=%.2f "
        "send_to_present_p50_ms=%.2f p99_ms=%.2f "
        "new_glyph_echo_to_present_p50_ms=%.2f max_ms=%.2f frames_per_msg=%.1f cpu_per_frame_ms=%.2f "
        "ui_thread_cpu_per_frame_ms=%.2f\n",
        s.echoToPresent.size(), median(s.echoToPresent), quantile(s.echoToPresent, 0.99),
        cbench::maximum(s.echoToPresent), median(s.echoToDrain), quantile(s.echoToDrain, 0.99),
        median(s.drainToPresent), quantile(s.drainToPresent, 0.99), s.framesWaited, median(s.sendToEcho),
        median(s.sendToPresent), quantile(s.sendToPresent, 0.99), median(s.newGlyphEchoToPresent),
        cbench::maximum(s.newGlyphEchoToPresent), s.framesPerMessage, s.cpuPerFrameMs, s.uiCpuPerFrameMs);
    std::printf("target idle<=1%%: %s; target shown in the first frame after arrival: %s; "
                "target socket-to-screen p99<=one 60Hz frame (%.1f ms): %s\n",
                verdict(median(s.idlePercent) <= 1.0), verdict(s.framesWaited == 0), kFrameMs,
                verdict(quantile(s.echoToPresent, 0.99) <= kFrameMs));
    return true;
}

bool windows(const Config& config) {
    if (!cbench::haveDisplay()) {
        std::printf("window error=\"no display: run under xvfb-run (bench/client/run.sh does)\"\n");
        return false;
    }
    cbench::RoomServer server(config.server);
    server.seed(200); // a newcomer gets the last 200 messages: the window has a full room to draw
    bool ok = true;
    if (wanted(config, "startup")) ok &= startup(config, server);
    if (wanted(config, "idle") || wanted(config, "latency")) ok &= idleLatency(config, server);
    return ok;
}

} // namespace

int main(int argc, char** argv) try {
    Config config;
    CLI::App cli("imchat-bench-client: the client's benchmarks (see bench/client/README.md)",
                 "imchat-bench-client");
    cli.add_flag("--smoke", config.smoke, "each measurement once and briefly (CI)");
    cli.add_option("--runs", config.runs, "runs of each measurement (medians are reported)")
        ->check(CLI::Range(1, 100));
    cli.add_option("--messages", config.messages, "messages in the scrollback benchmark")
        ->check(CLI::Range(std::size_t{10}, std::size_t{100'000'000}));
    cli.add_option("--only", config.only, "measurements to run: scroll startup idle latency")
        ->check(CLI::IsMember({"scroll", "startup", "idle", "latency"}));
    cli.add_option("--imchat", config.imchat, "the imchat binary")->capture_default_str();
    cli.add_option("--server", config.server, "the imchat-server binary")->capture_default_str();
    cli.add_option("--idle-seconds", config.idleSeconds, "length of one idle period")
        ->check(CLI::Range(0.5, 600.0));
    cli.add_option("--latency-messages", config.latencyMessages, "messages timed from socket to screen")
        ->check(CLI::Range(1, 100000));
    CLI11_PARSE(cli, argc, argv);
    if (config.smoke) { // every measurement once, briefly: CI checks they still work, not how fast
        config.runs = 1;
        config.idleRuns = 1;
        config.idleSeconds = 2.0;
        config.latencyMessages = 10;
        if (config.messages == 1'000'000) config.messages = 20'000;
    }
    bool ok = true;
    if (wanted(config, "scroll")) ok &= scroll(config);
    if (wanted(config, "startup") || wanted(config, "idle") || wanted(config, "latency"))
        ok &= windows(config);
    std::printf("imchat-bench-client: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "imchat-bench-client: %s\n", e.what());
    return 1;
}

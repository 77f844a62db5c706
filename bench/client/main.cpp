// imchat-bench-client: measures the client against the targets of issues 5 and 7 and prints key=value lines
// (one per run, then the medians). Exits non-zero when a measurement could not be made.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "bench/client/scroll_bench.hpp"
#include "bench/client/stats.hpp"

namespace {

struct Config {
    bool smoke = false;
    int runs = 5;
    std::size_t messages = 1'000'000;
    std::vector<std::string> only;
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
        std::printf("scroll run=%d messages=%zu text_bytes=%.1f model_B_per_msg=%.1f layout_B_per_msg=%.1f "
                    "B_per_msg=%.1f rss_B_per_msg=%.1f load_ms=%.0f glyphs=%zu atlas=%dx%d atlas_ms=%.1f "
                    "layout_ms=%.1f frames=%zu frame_p50_ms=%.3f frame_p99_ms=%.3f frame_max_ms=%.3f "
                    "jump_p50_ms=%.3f wheel_p50_ms=%.3f resize_small_ms=%.2f resize_large_ms=%.2f "
                    "resize_back_ms=%.2f live_frame_ms=%.3f\n",
                    r, options.messages, s.textBytes, s.modelBytes, s.layoutBytes, perMessage, s.rssBytes, s.loadMs,
                    s.glyphs, s.atlasWidth, s.atlasHeight, s.atlasMs, s.layoutMs, all.size(),
                    cbench::quantile(all, 0.5), cbench::quantile(all, 0.99), cbench::maximum(all),
                    cbench::median(s.jumpMs), cbench::median(s.wheelMs), s.smallResizeMs, s.largeResizeMs,
                    s.restoreMs, s.liveMs);
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
                config.runs, median(p50), median(p99), median(bytes), median(layout), median(small), median(large),
                median(restore), median(live));
    std::printf("target frame_p99<=2ms: %s; target <=250B/msg: %s\n", verdict(median(p99) <= 2.0),
                verdict(median(bytes) <= 250.0));
    return true;
}

} // namespace

int main(int argc, char** argv) try {
    Config config;
    CLI::App cli("imchat-bench-client: the client's benchmarks (see bench/client/README.md)", "imchat-bench-client");
    cli.add_flag("--smoke", config.smoke, "each measurement once and briefly (CI)");
    cli.add_option("--runs", config.runs, "runs of each measurement (medians are reported)")->check(CLI::Range(1, 100));
    cli.add_option("--messages", config.messages, "messages in the scrollback benchmark")
        ->check(CLI::Range(std::size_t{10}, std::size_t{100'000'000}));
    cli.add_option("--only", config.only, "measurements to run: scroll startup idle latency")
        ->check(CLI::IsMember({"scroll", "startup", "idle", "latency"}));
    CLI11_PARSE(cli, argc, argv);
    if (config.smoke) {
        config.runs = 1;
        if (config.messages == 1'000'000) config.messages = 20'000;
    }
    bool ok = true;
    if (wanted(config, "scroll")) ok &= scroll(config);
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "imchat-bench-client: %s\n", e.what());
    return 1;
}

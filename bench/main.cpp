// imchat-bench: a load generator for imchat-server and IRC servers. Prints one line of key=value pairs.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <sys/resource.h>

#include "load_run.hpp"

namespace {

/// "a,b,c" of a per-node or per-process figure; "" when there are none.
template <typename T, typename Format>
std::string joined(const std::vector<T>& values, Format format) {
    std::string out;
    for (const T& v : values) {
        if (!out.empty()) out += ',';
        out += format(v);
    }
    return out;
}

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

void raiseFileLimit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

} // namespace

int main(int argc, char** argv) {
    bench::LoadConfig c;
    CLI::App app{"imchat-bench: N clients, S senders, rate R for D seconds against an imchat or IRC server"};
    app.add_option("--host", c.host, "server address");
    app.add_option("--port", c.port, "server port");
    app.add_option("--ports", c.ports,
                   "several nodes of one room: client i connects to the i-th port, round robin (senders too)")
        ->delimiter(',');
    app.add_option("--proto", c.proto, "protocol")->check(CLI::IsMember({"imchat", "irc"}));
    app.add_option("--clients", c.clients, "connections")->check(CLI::Range(1u, 100000u));
    app.add_option("--senders", c.senders, "how many of them send")->check(CLI::Range(0u, 100000u));
    app.add_option("--rate", c.rate, "aggregate messages/s; 0 = as fast as possible with --window in flight");
    app.add_option("--window", c.window, "messages in flight per sender in closed loop")
        ->check(CLI::Range(1u, 100000u));
    app.add_option("--duration", c.duration, "seconds measured")->check(CLI::Range(0.1, 3600.0));
    app.add_option("--size", c.size, "message text bytes")->check(CLI::Range(40, 60000));
    app.add_option("--server-pid", c.serverPids,
                   "server process(es) for CPU and RSS figures (a cluster: one per node, summed)")
        ->delimiter(',');
    app.add_option("--engine-pid", c.enginePids, "more processes whose CPU is measured (NATS servers)")
        ->delimiter(',');
    app.add_flag("--tls", c.tls, "TLS 1.3 (the server's key is not checked: this only measures)");
    app.add_option("--storm", c.storm,
                   "imchat over TLS: this many more clients arrive at once during the run")
        ->check(CLI::Range(0u, 100000u));
    app.add_option("--storm-kind", c.stormKind,
                   "resume: joined beforehand, they drop and resume together; login: registered beforehand, "
                   "they sign in together with passwords")
        ->check(CLI::IsMember({"resume", "login"}));
    app.add_option("--storm-at", c.stormAt, "seconds into the measurement");
    app.add_option("--join-window", c.joinWindow, "connections connecting or joining at once")
        ->check(CLI::Range(1u, 100000u));
    app.add_option("--max-wall", c.maxWall, "hard cap on the whole run, seconds");
    app.set_version_flag("--version", IMCHAT_VERSION);
    CLI11_PARSE(app, argc, argv);
    if (c.senders > c.clients || (c.senders > 0 && c.clients < 2)) {
        std::cerr << "imchat-bench: need senders <= clients and at least 2 clients when sending\n";
        return 1;
    }
    raiseFileLimit();

    const bench::LoadResult r = bench::runLoad(c);
    const double perSecond = r.seconds > 0 ? static_cast<double>(r.delivered) / r.seconds : 0;
    std::printf("proto=%s tls=%d clients=%u senders=%u rate=%g size=%zu ready=%u sent=%llu delivered=%llu "
                "deliveries_per_s=%.0f p50_us=%lld p99_us=%lld p999_us=%lld max_us=%lld lost=%llu dup=%llu "
                "errors=%llu disconnects=%llu server_cpu_pct=%.1f server_rss_kib=%lld timed_out=%d storm=%u "
                "storm_rejoined=%u storm_s=%.3f join_s=%.3f",
                c.proto.c_str(), c.tls ? 1 : 0, c.clients, c.senders, c.rate, c.size, r.ready,
                static_cast<unsigned long long>(r.sent), static_cast<unsigned long long>(r.delivered),
                perSecond, static_cast<long long>(r.latency.quantile(0.5)),
                static_cast<long long>(r.latency.quantile(0.99)),
                static_cast<long long>(r.latency.quantile(0.999)), static_cast<long long>(r.latency.max()),
                static_cast<unsigned long long>(r.lost), static_cast<unsigned long long>(r.duplicated),
                static_cast<unsigned long long>(r.errors), static_cast<unsigned long long>(r.disconnects),
                r.serverCpuPercent, static_cast<long long>(r.serverRssKiB), r.timedOut ? 1 : 0, c.storm,
                r.stormRejoined, r.stormSeconds, r.joinSeconds);
    // Per node and per engine process, only when asked for: the single-server line stays as it was.
    if (c.serverPids.size() > 1 || !c.enginePids.empty() || c.ports.size() > 1) {
        std::printf(" node_cpu_pct=%s node_rss_kib=%s engine_cpu_pct=%s node_delivered=%s node_p50_us=%s "
                    "node_p99_us=%s",
                    joined(r.nodeCpuPercent, percent).c_str(),
                    joined(r.nodeRssKiB, [](std::int64_t v) { return std::to_string(v); }).c_str(),
                    joined(r.engineCpuPercent, percent).c_str(),
                    joined(r.nodeDelivered, [](std::uint64_t v) { return std::to_string(v); }).c_str(),
                    joined(r.nodeLatency,
                           [](const bench::LatencyHistogram& h) { return std::to_string(h.quantile(0.5)); })
                        .c_str(),
                    joined(r.nodeLatency, [](const bench::LatencyHistogram& h) {
                        return std::to_string(h.quantile(0.99));
                    }).c_str());
    }
    std::printf("\n");
    // A storm set after the measured window is a baseline: the crowd is there, the storm never comes.
    const bool ok = !r.timedOut && r.ready == c.clients && r.lost == 0 && r.duplicated == 0 &&
                    r.disconnects == 0 && (c.storm == 0 || c.stormAt >= c.duration || r.stormSeconds >= 0);
    return ok ? 0 : 1;
}

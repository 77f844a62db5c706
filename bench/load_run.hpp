#pragma once
// One benchmark run: N connections to a chat server, S of them sending, everything on one io_context.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

#include "latency_histogram.hpp"
#include "wire_driver.hpp"

namespace bench {

struct LoadConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 12000;
    std::string proto = "imchat"; // imchat | irc
    unsigned clients = 10;
    unsigned senders = 1;
    double rate = 0; // aggregate messages/s; 0 = closed loop, `window` in flight per sender
    unsigned window = 64;
    double duration = 5;    // seconds of measurement
    std::size_t size = 100; // bytes of message text
    pid_t serverPid = 0;    // for CPU and RSS from /proc; 0 = not measured
    bool tls = false;       // TLS 1.3 (imchat-server's default; InspIRCd's GnuTLS port)
    unsigned storm = 0;     // imchat over TLS: a crowd this big arrives stormAt seconds into the measurement
    std::string stormKind = "resume"; // resume (drop and resume at once) | login (sign in with passwords)
    double stormAt = 1;
    double maxWall = 120;     // hard cap on the whole run, seconds
    unsigned joinWindow = 64; // connections connecting or joining at once
};

struct LoadResult {
    unsigned ready = 0;
    std::uint64_t sent = 0;
    std::uint64_t delivered = 0; // to clients other than the sender, inside the measured window
    double seconds = 0;
    std::uint64_t lost = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t errors = 0; // error replies from the server
    std::uint64_t disconnects = 0;
    LatencyHistogram latency;
    double serverCpuPercent = -1;
    std::int64_t serverRssKiB = -1;
    bool timedOut = false;
    double stormSeconds = -1; // from the storm until its last member joined; < 0: not all did
    unsigned stormRejoined = 0;
    double joinSeconds = -1; // from the first connect until every client had joined
};

/// Runs the whole benchmark and returns its figures.
LoadResult runLoad(const LoadConfig& config);

} // namespace bench

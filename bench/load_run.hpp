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
    // Several nodes of one room: client i connects to ports[i % ports.size()] (senders too, so they are
    // spread alike); empty: every client to port.
    std::vector<std::uint16_t> ports;
    std::string proto = "imchat"; // imchat | irc
    unsigned clients = 10;
    unsigned senders = 1;
    double rate = 0; // aggregate messages/s; 0 = closed loop, `window` in flight per sender
    unsigned window = 64;
    double duration = 5;           // seconds of measurement
    std::size_t size = 100;        // bytes of message text
    std::vector<pid_t> serverPids; // for CPU and RSS from /proc (one per node); none = not measured
    std::vector<pid_t> enginePids; // more processes whose CPU is measured (a cluster's NATS servers)
    bool tls = false;              // TLS 1.3 (imchat-server's default; InspIRCd's GnuTLS port)
    unsigned storm = 0; // imchat over TLS: a crowd this big arrives stormAt seconds into the measurement
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
    double serverCpuPercent = -1; // summed over serverPids
    std::int64_t serverRssKiB = -1;
    std::vector<double> nodeCpuPercent; // each of serverPids, in order; -1: not measured
    std::vector<std::int64_t> nodeRssKiB;
    std::vector<double> engineCpuPercent; // each of enginePids
    // With several ports: deliveries and latency by the receiver's port (index into ports).
    std::vector<std::uint64_t> nodeDelivered;
    std::vector<LatencyHistogram> nodeLatency;
    bool timedOut = false;
    double stormSeconds = -1; // from the storm until its last member joined; < 0: not all did
    unsigned stormRejoined = 0;
    double joinSeconds = -1; // from the first connect until every client had joined
};

/// Runs the whole benchmark and returns its figures.
LoadResult runLoad(const LoadConfig& config);

} // namespace bench

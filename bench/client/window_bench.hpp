#pragma once
// The real imchat window (a display is needed: run under xvfb-run) against a real imchat-server, timed
// through the lines imchat prints with IMCHAT_BENCH_TRACE=1 (app/bench_trace.hpp): start-up to the first
// presented frame, idle CPU of a connected window, and socket-to-screen latency of a message sent by
// another client.
#include <string>
#include <vector>

#include "bench/client/room_server.hpp"

namespace cbench {

struct WindowOptions {
    std::string imchat;        // path of the imchat binary
    int runs = 5;              // start-ups, and idle periods
    double idleSeconds = 10.0; // length of one idle period
    int latencyMessages = 100; // messages timed from the socket to the screen
};

struct StartupResult {
    std::vector<double> firstFrameMs;   // process start to the first frame presented
    std::vector<double> historyFrameMs; // process start to the frame showing the joined room's history
    std::vector<double> rssMiB;         // resident memory once the history is shown
    std::string error;
};

struct IdleLatencyResult {
    std::vector<double> idlePercent;      // CPU (utime+stime) over each idle period, % of one core
    std::vector<double> idleSchedPercent; // the same from the scheduler's nanosecond counters
    std::vector<double> idleFrames;       // frames presented during each idle period (0 expected)
    std::vector<double> sendToEcho;       // the peer's send to its own echo: the server's share
    std::vector<double> echoToPresent; // the echo's arrival to imchat presenting the frame with the message
    std::vector<double> echoToDrain; // the echo's arrival to imchat's UI thread taking the message (wake-up)
    std::vector<double> drainToPresent; // imchat's UI thread taking the message to that frame being presented
    unsigned framesWaited = 0; // frames presented between a message's arrival and the frame showing it
    std::vector<double> sendToPresent;
    std::vector<double> newGlyphEchoToPresent; // the same for messages with a character never seen before
    double framesPerMessage = 0.0;  // frames presented per message (the loop draws a few after activity)
    double cpuPerFrameMs = 0.0;     // process CPU per presented frame (llvmpipe's raster threads included)
    double uiCpuPerFrameMs = 0.0;   // the UI thread's share of it
    int pointerMoves = 0;           // pointer moves over the still window (0: no xdotool, not measured)
    double pointerSeconds = 0.0;    // how long they took
    double pointerCpuSeconds = 0.0; // imchat's CPU meanwhile (all threads, llvmpipe's included)
    double pointerFrames = 0.0;     // frames it presented meanwhile
    std::string error;
};

/// Starts imchat options.runs times (a fresh settings directory each time) and times its first frames.
StartupResult runStartup(const RoomServer& server, const WindowOptions& options);
/// One connected window: idle CPU over options.runs periods, then the latency of options.latencyMessages.
IdleLatencyResult runIdleLatency(const RoomServer& server, const WindowOptions& options);

} // namespace cbench

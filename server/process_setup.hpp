#pragma once
// What the server asks of its operating system besides sockets and files: signals or console events,
// whether its output is a terminal, how low its worker thread runs. One file per system implements it.
#include <cstdio>
#include <vector>

namespace server {

/// Before anything else: POSIX ignores SIGPIPE and SIGXFSZ (a closed stdout or a full disk is an error to
/// report, not a death); Windows makes the console read UTF-8 (Chinese names in the log) and escape
/// sequences (the live status line), ends lines with \n alone, and turns closing the console window into a
/// stop request.
void prepareProcess();

/// Before exiting with code: Windows keeps a console window that exists for this server alone (it was
/// double-clicked) open after a failure until Enter is pressed, so the reason can be read.
void holdConsoleOnFailure(int code);

/// The signals that ask the server to stop cleanly (for asio::signal_set).
std::vector<int> stopSignals();

/// Whether out is a terminal (the status line is redrawn in place there).
bool isTerminal(std::FILE* out);

/// Runs the calling thread at the system's lowest priority (the password hasher's).
void lowerThisThreadPriority();

} // namespace server

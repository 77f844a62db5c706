#pragma once
// Whether a JetStream stream can store a message now, as its own report says: a leader, and enough of its
// replicas heard from lately to make a quorum with it. Asking only whether the stream answers is not enough:
// a leader that lost its quorum still answers (with replicas it has not heard from for seconds) until it
// steps down, while every publish to it times out.
#include <string>

#include <nats/nats.h>

namespace server {

/// Asks the engine for the stream's report (blocking up to waitMs; call off the io thread). An empty
/// string when it can store, else why not, for the log.
std::string streamHealth(jsCtx* js, const std::string& stream, int waitMs);

} // namespace server

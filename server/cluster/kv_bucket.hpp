#pragma once
// What the room's JetStream key-value buckets (names, guests, accounts) share: opening one, making it if it
// is missing; telling an engine that is away from a refusal; writing a name key as a bucket key and reading
// the numbers in values; and the random id a node writes into the values it owns.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct __jsCtx;   // nats.c's JetStream context (jsCtx in <nats/nats.h>)
struct __kvStore; // nats.c's bucket (kvStore)

namespace server {

struct BucketConfig {
    std::string name;
    int replicas = 3;
    std::chrono::seconds ttl{0}; // how long a key lives unless written again (0: for ever)
};

/// Binds the bucket, making it if missing (two nodes starting at once: the loser binds the winner's). An
/// empty string, or why it could not; *kv is the caller's to destroy.
std::string openBucket(__jsCtx* js, const BucketConfig& config, __kvStore** kv);

/// Whether a key-value call failed because the engine is away (no answer, no responder, no link), so that
/// it may work later, rather than because the bucket refused it (another node's revision, say).
bool engineAway(int natsStatus);

/// Bytes in hex (bucket keys allow only [-/_=.A-Za-z0-9]; name keys are UTF-8, Chinese mostly).
std::string hexText(std::string_view bytes);
/// ... and back: nullopt if text is not hex.
std::optional<std::string> fromHex(std::string_view text);

/// A decimal number that is the whole of text, or nullopt.
std::optional<std::uint64_t> parseNumber(std::string_view text);

/// A random id for this process, telling its writes from other nodes'.
std::string newNodeId();

} // namespace server

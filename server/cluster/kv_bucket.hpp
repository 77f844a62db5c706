#pragma once
// What the room's JetStream key-value buckets (names, accounts) share: opening one, making it if it is
// missing; writing a name key as a bucket key; and the random id a node writes into the values it owns.
#include <chrono>
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

/// Bytes in hex (bucket keys allow only [-/_=.A-Za-z0-9]; name keys are UTF-8, Chinese mostly).
std::string hexText(std::string_view bytes);
/// ... and back: nullopt if text is not hex.
std::optional<std::string> fromHex(std::string_view text);

/// A random id for this process, telling its writes from other nodes'.
std::string newNodeId();

} // namespace server

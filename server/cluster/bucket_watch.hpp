#pragma once
// Every change of a JetStream key-value bucket, in the bucket's order: the value each key holds now, then
// each change as it is made, read on a thread of its own and handed to the io thread. A watch whose link
// broke starts again (nats.c would wait for its next missed heartbeat), from the values each key holds then.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <asio/io_context.hpp>

struct __kvStore; // nats.c's bucket (kvStore in <nats/nats.h>)

namespace server {

class BucketWatch {
public:
    struct Entry {
        std::string key;
        std::string value;
        std::uint64_t revision = 0;
        bool deleted = false; // deleted or purged: value is empty
    };
    using Changed = std::function<void(Entry)>;

    /// Reads what every key of kv holds now into changed, on the calling thread (the io thread before it
    /// runs: the node starts with the whole bucket), then follows the changes on a thread of its own,
    /// posting each into io. kv must outlive the watch. An empty string, or why it could not start.
    std::string start(asio::io_context& io, __kvStore* kv, Changed changed);
    BucketWatch();
    ~BucketWatch();
    BucketWatch(const BucketWatch&) = delete;
    BucketWatch& operator=(const BucketWatch&) = delete;

private:
    struct Follower; // the thread and nats.c's watcher (bucket_watch.cpp)
    std::unique_ptr<Follower> m_follower;
};

} // namespace server

#include "server/cluster/bucket_watch.hpp"

#include <atomic>
#include <thread>

#include <nats/nats.h>

#include <asio/post.hpp>

namespace server {
namespace {

// How long the follower waits for a change before it looks whether it should stop.
constexpr std::int64_t kPollMs = 200;
// How long the first read may wait for each value.
constexpr std::int64_t kFirstReadMs = 5000;

BucketWatch::Entry entryOf(kvEntry* e) {
    BucketWatch::Entry out;
    out.key = kvEntry_Key(e);
    if (const auto* value = static_cast<const char*>(kvEntry_Value(e)))
        out.value.assign(value, static_cast<std::size_t>(kvEntry_ValueLen(e)));
    out.revision = kvEntry_Revision(e);
    out.deleted = kvEntry_Operation(e) != kvOp_Put;
    return out;
}

} // namespace

struct BucketWatch::Follower {
    kvStore* kv = nullptr;
    kvWatcher* watcher = nullptr; // the follower thread's alone once it runs
    std::atomic<bool> stopping{false};
    std::thread thread;

    ~Follower() {
        stopping = true;
        if (thread.joinable()) thread.join();
        kvWatcher_Destroy(watcher);
    }

    void follow(asio::io_context& io, const Changed& changed) {
        while (!stopping) {
            kvEntry* e = nullptr;
            const natsStatus s = kvWatcher_Next(&e, watcher, kPollMs);
            if (s == NATS_OK) {
                if (e) asio::post(io, [changed, entry = entryOf(e)]() mutable { changed(std::move(entry)); });
                kvEntry_Destroy(e);
            } else if (s != NATS_TIMEOUT) {
                restart(); // the values each key holds come again: changed() takes them as news
            }
        }
    }

    void restart() {
        kvWatcher_Destroy(watcher);
        watcher = nullptr;
        while (!stopping && kvStore_WatchAll(&watcher, kv, nullptr) != NATS_OK)
            std::this_thread::sleep_for(std::chrono::seconds(1));
    }
};

BucketWatch::BucketWatch() = default;
BucketWatch::~BucketWatch() = default;

std::string BucketWatch::start(asio::io_context& io, __kvStore* kv, Changed changed) {
    m_follower = std::make_unique<Follower>();
    m_follower->kv = kv;
    if (const natsStatus s = kvStore_WatchAll(&m_follower->watcher, kv, nullptr); s != NATS_OK)
        return std::string("cannot watch the bucket: ") + natsStatus_GetText(s);
    for (;;) {
        kvEntry* e = nullptr;
        const natsStatus s = kvWatcher_Next(&e, m_follower->watcher, kFirstReadMs);
        if (s != NATS_OK) return std::string("cannot read the bucket: ") + natsStatus_GetText(s);
        if (!e) break; // nats.c's mark: every key's present value was read
        changed(entryOf(e));
        kvEntry_Destroy(e);
    }
    m_follower->thread = std::thread(
        [follower = m_follower.get(), &io, changed = std::move(changed)] { follower->follow(io, changed); });
    return {};
}

} // namespace server

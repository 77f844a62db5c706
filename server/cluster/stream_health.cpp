#include "server/cluster/stream_health.hpp"

namespace server {

namespace {

// A replica is counted when the leader heard from it this lately; NATS' own heartbeats come every second.
constexpr std::int64_t kRecentNs = 3'000'000'000;

} // namespace

std::string streamHealth(jsCtx* js, const std::string& stream, int waitMs) {
    jsOptions options;
    jsOptions_Init(&options);
    options.Wait = waitMs;
    jsStreamInfo* info = nullptr;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    const natsStatus s = js_GetStreamInfo(&info, js, stream.c_str(), &options, &jerr);
    if (s != NATS_OK) return std::string("no report from the stream: ") + natsStatus_GetText(s);
    std::string why;
    if (const jsClusterInfo* cluster = info->Cluster) { // absent on a NATS server without a cluster
        int recent = 0;
        for (int i = 0; i < cluster->ReplicasLen; ++i) {
            const jsPeerInfo* peer = cluster->Replicas[i];
            if (peer && peer->Current && !peer->Offline && peer->Active < kRecentNs) ++recent;
        }
        // The leader and its followers: a majority of the stream's copies.
        const int copies = info->Config ? static_cast<int>(info->Config->Replicas) : cluster->ReplicasLen + 1;
        if (!cluster->Leader || !*cluster->Leader) why = "the stream has no leader";
        else if (1 + recent <= copies / 2)
            why = "the stream's leader hears from " + std::to_string(recent) + " of its " +
                  std::to_string(copies - 1) + " other copies";
    }
    jsStreamInfo_Destroy(info);
    return why;
}

} // namespace server

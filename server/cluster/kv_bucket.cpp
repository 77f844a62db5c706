#include "server/cluster/kv_bucket.hpp"

#include <charconv>

#include <nats/nats.h>
#include <sodium.h>

namespace server {

std::string openBucket(__jsCtx* js, const BucketConfig& config, __kvStore** kv) {
    natsStatus s = js_KeyValue(kv, js, config.name.c_str());
    if (s == NATS_NOT_FOUND) {
        kvConfig kc;
        kvConfig_Init(&kc);
        kc.Bucket = config.name.c_str();
        kc.History = 1;
        kc.TTL = std::chrono::duration_cast<std::chrono::nanoseconds>(config.ttl).count();
        kc.Replicas = config.replicas;
        kc.StorageType = js_FileStorage;
        s = js_CreateKeyValue(kv, js, &kc);
        if (s != NATS_OK) s = js_KeyValue(kv, js, config.name.c_str());
    }
    if (s != NATS_OK) return "cannot open the bucket " + config.name + ": " + natsStatus_GetText(s);
    return {};
}

bool engineAway(int natsStatus) {
    return natsStatus == NATS_TIMEOUT || natsStatus == NATS_NO_RESPONDERS ||
           natsStatus == NATS_CONNECTION_DISCONNECTED || natsStatus == NATS_CONNECTION_CLOSED;
}

std::optional<std::uint64_t> parseNumber(std::string_view text) {
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::string hexText(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    out.pop_back();
    return out;
}

std::optional<std::string> fromHex(std::string_view text) {
    std::string out(text.size() / 2, '\0');
    std::size_t n = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                       nullptr, &n, nullptr) != 0 ||
        n * 2 != text.size())
        return std::nullopt;
    out.resize(n);
    return out;
}

std::string newNodeId() {
    char id[8];
    randombytes_buf(id, sizeof id);
    return hexText(std::string_view(id, sizeof id));
}

} // namespace server

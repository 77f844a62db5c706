#include "server/cluster/name_claims.hpp"

#include <unordered_map>

#include <nats/nats.h>

#include <asio/post.hpp>

#include "server/cluster/job_thread.hpp"
#include "server/cluster/kv_bucket.hpp"
#include "server/cluster/room_stream.hpp"

namespace server {

namespace {

// Bucket keys allow only [-/_=.A-Za-z0-9]: a name key (UTF-8, Chinese mostly) is written in hex.
std::string bucketKey(const std::string& nameKey) { return hexText(nameKey); }

std::string tokenText(const net::Token& t) {
    return hexText(std::string_view(reinterpret_cast<const char*>(t.data()), t.size()));
}

} // namespace

// The worker: every key-value call, in the order the io thread asked for them, plus a renewal of this node's
// claims every ttl/4, on a thread of its own. It alone touches `held` and the bucket handle.
struct NameClaims::Worker {
    kvStore* kv = nullptr;
    std::string node; // this process's id in the values: "<node>:<token>"
    struct Held {
        std::string value;
        std::uint64_t revision = 0;
    };
    std::unordered_map<std::string, Held> held; // by bucket key
    JobThread thread;

    ~Worker() {
        thread.stop(); // before the bucket it uses goes
        kvStore_Destroy(kv);
    }

    // Writes value over the key's revision `last` (0: only if the key does not exist); its new revision, or
    // 0.
    std::uint64_t write(const std::string& key, const std::string& value, std::uint64_t last, natsStatus& s) {
        std::uint64_t revision = 0;
        s = last == 0 ? kvStore_CreateString(&revision, kv, key.c_str(), value.c_str())
                      : kvStore_UpdateString(&revision, kv, key.c_str(), value.c_str(), last);
        return s == NATS_OK ? revision : 0;
    }

    Verdict claim(const std::string& key, const std::string& value, const std::string& proof) {
        natsStatus s = NATS_OK;
        bool proven = false;
        std::uint64_t revision = write(key, value, 0, s);
        if (revision == 0) {
            kvEntry* entry = nullptr;
            const natsStatus g = kvStore_Get(&entry, kv, key.c_str());
            if (g == NATS_NOT_FOUND) { // gone since: its node died a ttl ago
                revision = write(key, value, 0, s);
            } else if (g != NATS_OK) {
                return Verdict::Unavailable;
            } else {
                const char* text = kvEntry_ValueString(entry);
                const std::string current = text ? text : "";
                const std::uint64_t last = kvEntry_Revision(entry);
                kvEntry_Destroy(entry);
                if (current.rfind(node + ":", 0) == 0) return Verdict::Here;
                // Free (released), or the claim of the session this client proves to be (it failed over from
                // a node that died or lost it): taken over in one conditional write, so two cannot both win.
                proven = !proof.empty() && current.size() > proof.size() &&
                         current.compare(current.size() - proof.size(), proof.size(), proof) == 0;
                if (!current.empty() && !proven) return Verdict::Taken;
                revision = write(key, value, last, s);
            }
        }
        if (revision == 0)
            return s == NATS_TIMEOUT || s == NATS_NO_RESPONDERS ? Verdict::Unavailable : Verdict::Taken;
        held[key] = {value, revision};
        return proven ? Verdict::TakenOver : Verdict::Granted;
    }

    void renew(const std::function<void(std::string)>& lost) {
        for (auto it = held.begin(); it != held.end();) {
            natsStatus s = NATS_OK;
            if (const std::uint64_t revision = write(it->first, it->second.value, it->second.revision, s)) {
                it->second.revision = revision;
                ++it;
            } else if (s == NATS_TIMEOUT || s == NATS_NO_RESPONDERS || s == NATS_CONNECTION_DISCONNECTED) {
                ++it; // the engine is away: try again next time
            } else {  // another node wrote it: a takeover
                lost(it->first);
                it = held.erase(it);
            }
        }
    }
};

NameClaims::NameClaims(asio::io_context& io, RoomStream& stream, Config config)
    : m_io(io), m_stream(stream), m_config(std::move(config)), m_worker(std::make_unique<Worker>()) {}

NameClaims::~NameClaims() = default;

std::string NameClaims::open() {
    if (auto why = openBucket(m_stream.jetStream(), {m_config.bucket, m_config.replicas, m_config.ttl},
                              &m_worker->kv);
        !why.empty())
        return why;
    m_worker->node = newNodeId();
    const auto renewEvery = std::chrono::duration_cast<std::chrono::milliseconds>(m_config.ttl) / 4;
    m_worker->thread.start(renewEvery, [this] {
        m_worker->renew([this](std::string key) {
            asio::post(m_io, [this, key = std::move(key)] {
                if (m_lost) m_lost(key);
            });
        });
    });
    return {};
}

void NameClaims::claim(const std::string& key, const net::Token& token, const net::Token& proof, Done done) {
    std::string value = m_worker->node + ":" + tokenText(token);
    m_worker->thread.submit([this, key = bucketKey(key), value = std::move(value),
                             proof = net::isZero(proof) ? std::string() : tokenText(proof),
                             done = std::move(done)] {
        const Verdict verdict = m_worker->claim(key, value, proof);
        asio::post(m_io, [done, verdict] { done(verdict); });
    });
}

void NameClaims::lookup(const std::string& key, std::function<void(bool)> done) {
    m_worker->thread.submit([this, key = bucketKey(key), done = std::move(done)] {
        kvEntry* entry = nullptr;
        bool held = false;
        if (kvStore_Get(&entry, m_worker->kv, key.c_str()) == NATS_OK) {
            const char* value = kvEntry_ValueString(entry);
            held = value && *value; // an empty value is a released claim
        }
        kvEntry_Destroy(entry);
        asio::post(m_io, [done, held] { done(held); });
    });
}

void NameClaims::hold(const std::string& key, const net::Token& token) {
    m_worker->thread.submit([this, key = bucketKey(key), value = m_worker->node + ":" + tokenText(token)] {
        auto it = m_worker->held.find(key);
        std::uint64_t last = it == m_worker->held.end() ? 0 : it->second.revision;
        if (it != m_worker->held.end() && it->second.value == value) return;
        if (last == 0) { // a takeover here of a claim this worker never saw written (made before a restart)
            kvEntry* entry = nullptr;
            if (kvStore_Get(&entry, m_worker->kv, key.c_str()) == NATS_OK) last = kvEntry_Revision(entry);
            kvEntry_Destroy(entry);
        }
        natsStatus s = NATS_OK;
        if (const std::uint64_t revision = m_worker->write(key, value, last, s))
            m_worker->held[key] = {value, revision};
    });
}

void NameClaims::release(const std::string& key) {
    m_worker->thread.submit([this, key = bucketKey(key)] {
        const auto it = m_worker->held.find(key);
        if (it == m_worker->held.end()) return;
        natsStatus s = NATS_OK;
        m_worker->write(key, "", it->second.revision, s); // fails harmlessly if another node took it
        m_worker->held.erase(it);
    });
}

} // namespace server

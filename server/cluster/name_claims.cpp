#include "server/cluster/name_claims.hpp"

#include <iterator>
#include <optional>
#include <unordered_map>

#include <nats/nats.h>

#include <asio/post.hpp>

#include "server/cluster/bucket_watch.hpp"
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

/// A claim as the bucket holds it, one field a line: the holding node, its session's resume token (in hex),
/// the name as shown and the address it came from. A released claim is empty.
struct Claim {
    std::string node, token, name, ip;

    std::string text() const { return node + "\n" + token + "\n" + name + "\n" + ip; }

    static std::optional<Claim> parse(std::string_view text) {
        Claim c;
        std::string* fields[] = {&c.node, &c.token, &c.name, &c.ip};
        std::size_t pos = 0;
        for (std::size_t i = 0; i < std::size(fields); ++i) {
            const std::size_t end = i + 1 < std::size(fields) ? text.find('\n', pos) : text.size();
            if (end == std::string_view::npos) return std::nullopt;
            fields[i]->assign(text.substr(pos, end - pos));
            pos = end + 1;
        }
        if (c.node.empty() || c.name.empty() || c.ip.find('\n') != std::string::npos) return std::nullopt;
        return c;
    }
};

} // namespace

// The worker: every key-value call, in the order the io thread asked for them, plus a renewal of this node's
// claims every ttl/4, on a thread of its own. It alone touches `held` and the bucket handle.
struct NameClaims::Worker {
    kvStore* kv = nullptr;
    kvStore* guests = nullptr; // departed guests: "<token>\n<private floor>"
    std::string node;          // this process's id in the claims
    struct Held {
        std::string value;
        std::uint64_t revision = 0;
    };
    std::unordered_map<std::string, Held> held; // by bucket key
    JobThread thread;
    std::unique_ptr<BucketWatch> watch; // the io thread's

    ~Worker() {
        thread.stop(); // both before the bucket they use goes
        watch.reset();
        kvStore_Destroy(kv);
        kvStore_Destroy(guests);
    }

    // Writes value over the key's revision `last` (0: only if the key does not exist); its new revision, or
    // 0.
    std::uint64_t write(const std::string& key, const std::string& value, std::uint64_t last, natsStatus& s) {
        std::uint64_t revision = 0;
        s = last == 0 ? kvStore_CreateString(&revision, kv, key.c_str(), value.c_str())
                      : kvStore_UpdateString(&revision, kv, key.c_str(), value.c_str(), last);
        return s == NATS_OK ? revision : 0;
    }

    // The claim's verdict, and its revision when this node holds it now.
    std::pair<Verdict, std::uint64_t> claim(const std::string& key, const std::string& value,
                                            const std::string& proof) {
        natsStatus s = NATS_OK;
        bool proven = false;
        std::uint64_t revision = write(key, value, 0, s);
        if (revision == 0) {
            kvEntry* entry = nullptr;
            const natsStatus g = kvStore_Get(&entry, kv, key.c_str());
            if (g == NATS_NOT_FOUND) { // gone since: its node died a ttl ago
                revision = write(key, value, 0, s);
            } else if (g != NATS_OK) {
                return {Verdict::Unavailable, 0};
            } else {
                const char* text = kvEntry_ValueString(entry);
                const auto current = Claim::parse(text ? text : "");
                const std::uint64_t last = kvEntry_Revision(entry);
                kvEntry_Destroy(entry);
                if (current && current->node == node) return {Verdict::Here, 0};
                // Free (released), or the claim of the session this client proves to be (it failed over from
                // a node that died or lost it): taken over in one conditional write, so two cannot both win.
                proven = current && !proof.empty() && current->token == proof;
                if (current && !proven) return {Verdict::Taken, 0};
                revision = write(key, value, last, s);
            }
        }
        if (revision == 0) return {engineAway(s) ? Verdict::Unavailable : Verdict::Taken, 0};
        held[key] = {value, revision};
        return {proven ? Verdict::TakenOver : Verdict::Granted, revision};
    }

    // The private floor of the guest that left key lately, if proof is its token: consumed (one return per
    // departure).
    std::optional<std::uint64_t> takeDeparture(const std::string& key, const std::string& proof) {
        kvEntry* entry = nullptr;
        if (proof.empty() || kvStore_Get(&entry, guests, key.c_str()) != NATS_OK) return std::nullopt;
        const char* text = kvEntry_ValueString(entry);
        const std::string_view value = text ? text : "";
        std::optional<std::uint64_t> floor;
        if (value.size() > proof.size() + 1 && value.substr(0, proof.size()) == proof &&
            value[proof.size()] == '\n')
            floor = parseNumber(value.substr(proof.size() + 1));
        kvEntry_Destroy(entry);
        if (floor) kvStore_Delete(guests, key.c_str());
        return floor;
    }

    void renew(const std::function<void(std::string)>& lost) {
        for (auto it = held.begin(); it != held.end();) {
            natsStatus s = NATS_OK;
            if (const std::uint64_t revision = write(it->first, it->second.value, it->second.revision, s)) {
                it->second.revision = revision;
                ++it;
            } else if (engineAway(s)) {
                ++it; // the engine is away: try again next time
            } else if (renewGone(it->first, it->second)) {
                ++it;
            } else { // another node wrote it: a takeover
                lost(it->first);
                it = held.erase(it);
            }
        }
    }

    // A claim that is not at the revision this node wrote last: still this node's if the bucket forgot it
    // (the engine was away for longer than the ttl) or it holds this node's claim at another revision.
    // Whether it is this node's now.
    bool renewGone(const std::string& key, Held& mine) {
        kvEntry* entry = nullptr;
        const natsStatus g = kvStore_Get(&entry, kv, key.c_str());
        std::uint64_t last = 0;
        if (g == NATS_OK) {
            const char* text = kvEntry_ValueString(entry);
            const auto current = Claim::parse(text ? text : "");
            last = kvEntry_Revision(entry);
            kvEntry_Destroy(entry);
            if (!current || current->node != node) return false;
        } else if (g != NATS_NOT_FOUND) {
            return true; // unreachable now: try again next time
        }
        natsStatus s = NATS_OK;
        const std::uint64_t revision = write(key, mine.value, last, s);
        if (revision != 0) mine.revision = revision;
        return revision != 0 || engineAway(s);
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
    if (auto why =
            openBucket(m_stream.jetStream(), {m_config.guestsBucket, m_config.replicas, m_config.guestReturn},
                       &m_worker->guests);
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

std::string NameClaims::follow(OthersChanged others) {
    m_othersChanged = std::move(others);
    m_worker->watch = std::make_unique<BucketWatch>();
    if (auto why = m_worker->watch->start(m_io, m_worker->kv,
                                          [this](BucketWatch::Entry e) { read(e.key, e.value, e.revision); });
        !why.empty())
        return "names bucket " + m_config.bucket + ": " + why;
    m_sweep = std::make_unique<asio::steady_timer>(m_io);
    sweepEvery(std::chrono::duration_cast<std::chrono::milliseconds>(m_config.ttl) / 4);
    return {};
}

void NameClaims::read(const std::string& bucketKey, const std::string& value, std::uint64_t revision) {
    const auto key = fromHex(bucketKey);
    if (!key) return;
    const auto own = m_ownRevisions.find(*key);
    if (own != m_ownRevisions.end()) {
        if (revision < own->second) return; // older than this node's claim: no news
        m_ownRevisions.erase(own);
    }
    const auto claim = Claim::parse(value);
    const auto known = m_others.find(*key);
    if (claim && claim->node != m_worker->node) {
        Other& o = m_others[*key];
        const bool news = known == m_others.end() || o.name != claim->name || o.ip != claim->ip;
        o.name = claim->name;
        o.ip = claim->ip;
        o.renewed = std::chrono::steady_clock::now();
        if (news && m_othersChanged) m_othersChanged(*key, &o, false);
        return;
    }
    // Released, or claimed by this node. A release of a name no other node held is told too: it may be the
    // end of a claim made here for a join that did not happen.
    const bool here = claim.has_value();
    const bool had = known != m_others.end();
    if (had) m_others.erase(known);
    if ((had || !here) && m_othersChanged) m_othersChanged(*key, nullptr, here);
}

void NameClaims::sweepEvery(std::chrono::milliseconds period) {
    m_sweep->expires_after(period);
    m_sweep->async_wait([this, period](const std::error_code& ec) {
        if (ec) return;
        const auto now = std::chrono::steady_clock::now();
        for (auto it = m_others.begin(); it != m_others.end();) {
            // The bucket forgets a claim not renewed for a ttl without a word (NATS 2.9): so does this node.
            if (m_engineAvailable && now - it->second.renewed > m_config.ttl + period) {
                const std::string key = it->first;
                it = m_others.erase(it);
                if (m_othersChanged) m_othersChanged(key, nullptr, false);
            } else {
                ++it;
            }
        }
        sweepEvery(period);
    });
}

void NameClaims::engineAvailable(bool available) {
    if (available && !m_engineAvailable) // renewals come again from now on: nobody is late yet
        for (auto& [key, other] : m_others) other.renewed = std::chrono::steady_clock::now();
    m_engineAvailable = available;
}

const NameClaims::Holder* NameClaims::heldElsewhere(const std::string& key) const {
    const auto it = m_others.find(key);
    return it == m_others.end() ? nullptr : &it->second;
}

void NameClaims::claim(const std::string& key, const net::Token& token, const Holder& holder,
                       const net::Token& proof, Done done) {
    std::string value = Claim{m_worker->node, tokenText(token), holder.name, holder.ip}.text();
    m_worker->thread.submit([this, key, value = std::move(value),
                             proof = net::isZero(proof) ? std::string() : tokenText(proof),
                             done = std::move(done)] {
        const auto [verdict, revision] = m_worker->claim(bucketKey(key), value, proof);
        const auto returning =
            verdict == Verdict::Granted ? m_worker->takeDeparture(bucketKey(key), proof) : std::nullopt;
        asio::post(m_io, [this, key, verdict = verdict, revision = revision, returning, done] {
            if (revision != 0) m_ownRevisions[key] = revision;
            done(verdict, returning);
        });
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

void NameClaims::hold(const std::string& key, const net::Token& token, const Holder& holder) {
    m_worker->thread.submit([this, key = bucketKey(key),
                             value = Claim{m_worker->node, tokenText(token), holder.name, holder.ip}.text()] {
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

void NameClaims::release(const std::string& key, const std::optional<Departure>& guest) {
    std::string departure = guest ? tokenText(guest->token) + "\n" + std::to_string(guest->privateFloor) : "";
    m_worker->thread.submit([this, key = bucketKey(key), departure = std::move(departure)] {
        std::uint64_t revision = 0;
        if (!departure.empty())
            kvStore_PutString(&revision, m_worker->guests, key.c_str(), departure.c_str());
        const auto it = m_worker->held.find(key);
        if (it == m_worker->held.end()) return;
        natsStatus s = NATS_OK;
        m_worker->write(key, "", it->second.revision, s); // fails harmlessly if another node took it
        m_worker->held.erase(it);
    });
}

} // namespace server

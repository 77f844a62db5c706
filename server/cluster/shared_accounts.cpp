#include "server/cluster/shared_accounts.hpp"

#include <algorithm>
#include <optional>

#include <nats/nats.h>

#include <asio/post.hpp>

#include "server/account_store.hpp"
#include "server/cluster/bucket_watch.hpp"
#include "server/cluster/job_thread.hpp"
#include "server/cluster/kv_bucket.hpp"
#include "server/cluster/room_stream.hpp"

namespace server {
namespace {

constexpr std::string_view kAccountPrefix = "account.";
constexpr std::string_view kTokenPrefix = "token.";
constexpr int kWriteAttempts = 3; // a write that lost a race to another node's reads the account again

/// The next line of text from pos on (pos moves past it).
std::string_view nextLine(std::string_view text, std::size_t& pos) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    return line;
}

} // namespace

// An account as the bucket holds it, one field a line: a released name keeps its floor and its epoch.
struct SharedAccounts::Record {
    bool registered = false;
    std::uint64_t epoch = 0; // its device tokens': one more at each registration, password change, release
    std::uint64_t privateFloor = 0;
    std::uint64_t createdMs = 0;
    std::string writer; // the node that wrote it
    std::string name;
    std::string hash;

    std::string text() const {
        return std::string("imchat-account 1\n") + (registered ? "registered" : "released") + "\n" +
               std::to_string(epoch) + "\n" + std::to_string(privateFloor) + "\n" +
               std::to_string(createdMs) + "\n" + writer + "\n" + name + "\n" + hash;
    }

    static std::optional<Record> parse(std::string_view text) {
        std::size_t pos = 0;
        if (nextLine(text, pos) != "imchat-account 1") return std::nullopt;
        Record r;
        const auto state = nextLine(text, pos);
        r.registered = state == "registered";
        const auto epoch = parseNumber(nextLine(text, pos));
        const auto floor = parseNumber(nextLine(text, pos));
        const auto created = parseNumber(nextLine(text, pos));
        if ((!r.registered && state != "released") || !epoch || !floor || !created) return std::nullopt;
        r.epoch = *epoch;
        r.privateFloor = *floor;
        r.createdMs = *created;
        r.writer = nextLine(text, pos);
        r.name = nextLine(text, pos);
        r.hash = nextLine(text, pos);
        if (pos <= text.size() || (r.registered && (r.name.empty() || r.hash.empty()))) return std::nullopt;
        return r;
    }
};

// The bucket, the thread that writes to it and the watch that mirrors it; the writes go in the order asked.
struct SharedAccounts::Worker {
    kvStore* kv = nullptr;
    std::unique_ptr<BucketWatch> watch;
    JobThread thread;

    ~Worker() {
        thread.stop(); // both before the bucket they use goes
        watch.reset();
        kvStore_Destroy(kv);
    }
};

SharedAccounts::SharedAccounts(asio::io_context& io, RoomStream& stream, AccountStore& mirror, Config config)
    : m_io(io), m_stream(stream), m_mirror(mirror), m_config(std::move(config)),
      m_worker(std::make_unique<Worker>()) {}

SharedAccounts::~SharedAccounts() = default;

std::string SharedAccounts::open() {
    if (auto why = openBucket(m_stream.jetStream(), {m_config.bucket, m_config.replicas}, &m_worker->kv);
        !why.empty())
        return why;
    m_node = newNodeId();
    // The first read runs here, before the node takes logins: it starts with every account of the room.
    m_worker->watch = std::make_unique<BucketWatch>();
    const std::string why = m_worker->watch->start(m_io, m_worker->kv, [this](BucketWatch::Entry e) {
        if (!e.deleted) mirrorEntry(e.key, e.value, m_live);
    });
    if (!why.empty()) return "accounts bucket " + m_config.bucket + ": " + why;
    m_live = true;
    m_worker->thread.start();
    return {};
}

void SharedAccounts::mirrorEntry(const std::string& bucketKey, const std::string& value, bool live) {
    const std::string_view k(bucketKey);
    if (k.substr(0, kAccountPrefix.size()) == kAccountPrefix) {
        const auto key = fromHex(k.substr(kAccountPrefix.size()));
        const auto record = Record::parse(value);
        if (key && record) mirrorAccount(*key, *record, live);
    } else if (k.substr(0, kTokenPrefix.size()) == kTokenPrefix) {
        std::size_t pos = 0;
        const auto key = fromHex(nextLine(value, pos));
        const auto epoch = parseNumber(nextLine(value, pos));
        const auto created = parseNumber(nextLine(value, pos));
        if (key && epoch && created)
            mirrorToken(*key, std::string(k.substr(kTokenPrefix.size())), *epoch, *created);
    }
}

void SharedAccounts::mirrorAccount(const std::string& key, const Record& record, bool live) {
    const auto known = m_epochs.find(key);
    if (known != m_epochs.end() && known->second >= record.epoch) return; // seen (its own write, mirrored)
    const bool revokes = live && known != m_epochs.end() && record.writer != m_node;
    m_epochs[key] = record.epoch;
    if (record.registered)
        m_mirror.mirrorAccount(key, record.name, record.hash, record.createdMs, record.privateFloor);
    else m_mirror.mirrorRelease(key, record.privateFloor);
    if (const auto waiting = m_waitingTokens.find(key); waiting != m_waitingTokens.end()) {
        for (const auto& t : waiting->second)
            if (t.epoch == record.epoch && record.registered)
                m_mirror.mirrorToken(key, t.tokenHash, t.createdMs);
        m_waitingTokens.erase(waiting);
    }
    if (revokes && m_revoked) m_revoked(key);
}

void SharedAccounts::mirrorToken(const std::string& key, const std::string& tokenHash, std::uint64_t epoch,
                                 std::uint64_t createdMs) {
    const auto known = m_epochs.find(key);
    // Before its account (the bucket keeps the order of the last writes), or written by a node that read a
    // newer account than this one has yet: it waits for it.
    if (known == m_epochs.end() || known->second < epoch)
        return m_waitingTokens[key].push_back({tokenHash, epoch, createdMs});
    if (known->second == epoch && m_mirror.registered(key)) m_mirror.mirrorToken(key, tokenHash, createdMs);
    // An earlier epoch's: revoked by a password change since.
}

void SharedAccounts::change(const std::string& key, std::function<Result(Record&)> edit, Done done) {
    m_worker->thread.submit([this, key, edit = std::move(edit), done = std::move(done)] {
        kvStore* kv = m_worker->kv;
        const std::string bucketKey = std::string(kAccountPrefix) + hexText(key);
        Result result = Result::Unavailable;
        Record record;
        for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
            kvEntry* e = nullptr;
            const natsStatus got = kvStore_Get(&e, kv, bucketKey.c_str());
            std::uint64_t last = 0;
            record = Record{};
            if (got == NATS_OK) {
                const char* text = kvEntry_ValueString(e);
                const auto stored = Record::parse(text ? text : "");
                last = kvEntry_Revision(e);
                kvEntry_Destroy(e);
                if (stored) record = *stored;
            } else if (got != NATS_NOT_FOUND) {
                result = Result::Unavailable;
                break;
            }
            result = edit(record);
            if (result != Result::Done) break;
            ++record.epoch;
            record.writer = m_node;
            const std::string text = record.text();
            std::uint64_t revision = 0;
            const natsStatus wrote =
                last == 0 ? kvStore_CreateString(&revision, kv, bucketKey.c_str(), text.c_str())
                          : kvStore_UpdateString(&revision, kv, bucketKey.c_str(), text.c_str(), last);
            if (wrote == NATS_OK) break;
            result = Result::Unavailable;
            if (engineAway(wrote)) break;
            // Another node wrote it between the read and the write: read it again.
        }
        asio::post(m_io, [this, key, result, record = std::move(record), done] {
            if (result == Result::Done) mirrorAccount(key, record, false);
            done(result);
        });
    });
}

void SharedAccounts::create(const std::string& key, const std::string& name, const std::string& hash,
                            std::uint64_t privateFloor, std::uint64_t nowMs, Done done) {
    change(
        key,
        [name, hash, privateFloor, nowMs](Record& r) {
            if (r.registered) return Result::Refused;
            r.registered = true;
            r.name = name;
            r.hash = hash;
            r.createdMs = nowMs;
            r.privateFloor = std::max(r.privateFloor, privateFloor);
            return Result::Done;
        },
        std::move(done));
}

void SharedAccounts::setHash(const std::string& key, const std::string& hash, Done done) {
    change(
        key,
        [hash](Record& r) {
            if (!r.registered) return Result::Refused;
            r.hash = hash;
            return Result::Done;
        },
        std::move(done));
}

void SharedAccounts::release(const std::string& key, std::uint64_t privateFloor, Done done) {
    change(
        key,
        [privateFloor](Record& r) {
            if (!r.registered) return Result::Refused;
            r.registered = false;
            r.name.clear();
            r.hash.clear();
            r.privateFloor = std::max(r.privateFloor, privateFloor);
            return Result::Done;
        },
        std::move(done));
}

void SharedAccounts::addToken(const std::string& key, const std::string& tokenHash, std::uint64_t nowMs) {
    const auto known = m_epochs.find(key);
    if (known == m_epochs.end()) return; // an account of this node's own, from before it joined the cluster
    std::string value = hexText(key) + "\n" + std::to_string(known->second) + "\n" + std::to_string(nowMs);
    m_worker->thread.submit(
        [this, bucketKey = std::string(kTokenPrefix) + tokenHash, value = std::move(value)] {
            std::uint64_t revision = 0;
            kvStore_PutString(&revision, m_worker->kv, bucketKey.c_str(), value.c_str());
            // Not shared when the engine is away: the token works on this node, and on the others after the
            // next login that asks for one.
        });
}

} // namespace server

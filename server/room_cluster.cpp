// Room in cluster mode (docs/cluster.md): public and private messages numbered by the cluster's two streams
// (cluster/room_stream.hpp). A Say or Whisper is published, not stamped; every node, the sender's included,
// reads the streams back in order, mirrors each message into its own database (history pages, resumes,
// private history) and only then delivers it, so nothing is shown before the engine stored it, and every
// node shows the same messages with the same seq. Names are claimed across the nodes
// (cluster/name_claims.hpp); while the engine is out of reach the room is read-only (RoomState), and a client
// failing over waits for this node's mirror to read what it saw elsewhere.
#include <chrono>

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include "net/codec.hpp"
#include "net/name_rules.hpp"
#include "server/account_store.hpp"
#include "server/clock.hpp"
#include "server/cluster/name_claims.hpp"
#include "server/cluster/room_stream.hpp"
#include "server/frame.hpp"
#include "server/log_text.hpp"
#include "server/room.hpp"
#include "server/status.hpp"
#include "server/storage.hpp"

namespace server {

namespace {

// How long a join waits for this node's mirror to read what the client saw on another node: the stream
// hands every node each message within milliseconds; past this, the client's seq is not the room's.
constexpr auto kMirrorWait = std::chrono::seconds(2);

// A client's resend of the same message (after a reconnect, to this node or another) has the same id: the
// stream stores it once. Keyed by the name's key, as the room compares names.
std::string publishId(const std::string& nameKey, std::uint64_t clientId) {
    return nameKey + ":" + std::to_string(clientId);
}
std::string privateId(const std::string& nameKey, std::uint64_t clientId) {
    return "p:" + publishId(nameKey, clientId);
}

} // namespace

void Room::useStream(RoomStream& stream) {
    m_stream = &stream;
    watchStream(stream);
}

void Room::usePrivateStream(RoomStream& stream) {
    m_privateStream = &stream;
    watchStream(stream);
}

void Room::watchStream(RoomStream& stream) {
    stream.onRefused([this](const std::string& msgId, const std::string& why, bool unreachable) {
        const auto it = m_published.find(msgId);
        if (it == m_published.end()) return;
        // Out of reach, it may still have stored it: the client sends it again with the same id, and the
        // stream keeps one copy. Refused for good: the client drops it.
        if (const auto sender = it->second.sender.lock())
            sender->deliver(unreachable ? errorFrame(net::ErrorCode::StoreUnavailable, it->second.clientId,
                                                     "the room's store is unavailable: " + why)
                                        : errorFrame(net::ErrorCode::StorageFailed, it->second.clientId,
                                                     "the room's store refused the message: " + why));
        m_published.erase(it);
    });
    stream.onDuplicate([this](const std::string& msgId) { m_published.erase(msgId); });
    stream.onAvailability([this, &stream](bool available, const std::string& why) {
        m_status.log("cluster: the stream " + stream.name() +
                     (available ? std::string(" takes messages again") : " is unavailable (" + why + ")"));
        if (m_claims) m_claims->engineAvailable(storeAvailable());
        // The room is read-only while either stream is: the clients hear of each change of that, once.
        if (storeAvailable() == m_toldWritable) return;
        m_toldWritable = storeAvailable();
        m_status.log(m_toldWritable ? "cluster: the room takes messages again"
                                    : "cluster: the room is read-only");
        broadcast(roomStateFrame(), nullptr);
    });
}

bool Room::storeAvailable() const {
    return m_stream->available() && (!m_privateStream || m_privateStream->available());
}

Frame Room::roomStateFrame() const {
    const bool readOnly = !storeAvailable();
    return makeFrame(net::RoomState{readOnly, readOnly ? "the room's store is unavailable" : ""});
}

std::string Room::followStream() {
    std::string error = m_stream->follow(m_committedSeq, [this](std::uint64_t seq, std::string payload) {
        mirrorFromStream(seq, std::move(payload));
    });
    if (error.empty() && m_privateStream)
        error = m_privateStream->follow(m_committedPseq, [this](std::uint64_t seq, std::string payload) {
            mirrorPrivateFromStream(seq, std::move(payload));
        });
    if (error.empty() && m_claims)
        error = m_claims->follow([this](const std::string& key, const NameClaims::Holder* elsewhere,
                                        bool here) { nameElsewhere(key, elsewhere, here); });
    return error;
}

void Room::nameElsewhere(const std::string& key, const NameClaims::Holder* elsewhere, bool here) {
    const std::uint64_t at = nowMs();
    if (elsewhere) {
        bool moved = false;
        if (const auto local = m_byKey.find(key); local != m_byKey.end()) {
            // Another node took the name over (the same client failed over with its token): the session here
            // is a ghost of a lost link, or a window left behind. The person stays in the room: no notice.
            const std::shared_ptr<Participant> p = local->second; // leaveNow() drops the map's reference
            m_status.log("takeover " + quoted(p->membership.name) + " on another node");
            leaveNow(*p, net::LeaveReason::Replaced, false);
            p->evict(net::ErrorCode::Replaced);
            moved = true;
        }
        const auto [it, added] = m_remote.try_emplace(key);
        if (!added) m_directory.remove(it->second);
        it->second = elsewhere->name;
        m_directory.add(it->second);
        if (added && !moved)
            announce(net::Joined{at, it->second, elsewhere->ip, static_cast<std::uint32_t>(roomSize())},
                     it->second, true, at, nullptr);
        return;
    }
    const auto it = m_remote.find(key);
    if (it == m_remote.end()) return;
    // Claimed here for a join under way: the person takes its place here quietly (hello()); if that join
    // does not happen, the claim's release comes next and says it left.
    if (here && m_byKey.count(key) == 0) return;
    m_directory.remove(it->second);
    const std::string name = std::move(it->second);
    m_remote.erase(it);
    if (!here)
        announce(net::Left{at, name, net::LeaveReason::Bye, static_cast<std::uint32_t>(roomSize())}, name,
                 false, at, nullptr);
}

void Room::sayThroughStream(const std::shared_ptr<Participant>& p, net::Chat&& c) {
    if (!storeAvailable()) // never numbered here: the client keeps it until the room takes it
        return p->deliver(errorFrame(net::ErrorCode::StoreUnavailable, c.clientId,
                                     "the room's store is unavailable: the message waits in your outbox"));
    const std::string frame = net::encode(c);
    const std::string id = publishId(p->membership.key, c.clientId);
    m_published[id] = {p, c.clientId};
    m_stream->publish(frame.substr(4), id); // the payload: the frame without its length prefix
}

void Room::mirrorFromStream(std::uint64_t seq, std::string payload) {
    if (seq <= m_stampedSeq) return; // mirrored already (the consumer restarted)
    net::Message m;
    if (net::decodePayload(payload, m) != net::ErrorCode::None) return;
    auto* chat = std::get_if<net::Chat>(&m);
    if (!chat) return; // not a message of ours
    // Most messages come from other nodes: the name's key (an ICU normalisation) only when some are ours.
    if (!m_published.empty()) m_published.erase(publishId(net::nameKey(chat->name), chat->clientId));
    chat->seq = m_stampedSeq = seq;
    if (!m_storage.stagePublic(*chat)) m_burstFailed = true;
    m_pending.push_back({nullptr, std::move(m), {}, {}});
    scheduleCommit();
}

void Room::whisperThroughStream(const std::shared_ptr<Participant>& p, net::Whisper&& m, std::string to,
                                std::string toKey) {
    if (!storeAvailable())
        return p->deliver(errorFrame(net::ErrorCode::StoreUnavailable, m.clientId,
                                     "the room's store is unavailable: the message waits in your outbox"));
    if (const auto here = m_byKey.find(toKey); here != m_byKey.end())
        return publishPrivate(p, {0, nowMs(), p->membership.name, p->ip(), here->second->membership.name,
                                  m.clientId, 0, std::move(m.text)});
    // Online on another node, or offline: the names bucket says which (a question off this thread).
    m_claims->lookup(toKey, [this, weak = std::weak_ptr<Participant>(p), m = std::move(m), to = std::move(to),
                             toKey](bool elsewhere) mutable {
        const auto sender = weak.lock();
        if (!sender || !sender->membership.joined) return;
        // A mailbox only for a registered name, as on a single server.
        if (!elsewhere && !m_accounts.registered(toKey))
            return sender->deliver(errorFrame(net::ErrorCode::RecipientOffline, m.clientId));
        if (!elsewhere)
            if (auto verdict = m_mailboxes.admit(toKey, sender->ip());
                verdict.refusal != net::ErrorCode::None)
                return sender->deliver(errorFrame(verdict.refusal, m.clientId, std::move(verdict.why)));
        publishPrivate(sender,
                       {0, nowMs(), sender->membership.name, sender->ip(), std::move(to), m.clientId,
                        static_cast<std::uint8_t>(elsewhere ? 0 : net::kPrivateStored), std::move(m.text)});
    });
}

void Room::publishPrivate(const std::shared_ptr<Participant>& p, net::Private&& pm) {
    const std::string frame = net::encode(pm);
    const std::string id = privateId(p->membership.key, pm.clientId);
    m_published[id] = {p, pm.clientId};
    m_privateStream->publish(frame.substr(4), id);
}

void Room::mirrorPrivateFromStream(std::uint64_t seq, std::string payload) {
    if (seq <= m_stampedPseq) return; // mirrored already (the consumer restarted)
    net::Message m;
    if (net::decodePayload(payload, m) != net::ErrorCode::None) return;
    auto* pm = std::get_if<net::Private>(&m);
    if (!pm) return;
    std::string fromKey = net::nameKey(pm->from), toKey = net::nameKey(pm->to);
    if (!m_published.empty()) m_published.erase(privateId(fromKey, pm->clientId));
    pm->seq = m_stampedPseq = seq;
    if (!m_storage.stagePrivate(*pm, fromKey, toKey)) m_burstFailed = true;
    // Every node counts the mail it mirrors, so each one's quotas see the whole cluster's.
    if (pm->flags & net::kPrivateStored) m_mailboxes.stored(toKey, pm->fromIp);
    m_pending.push_back({nullptr, std::move(m), std::move(toKey), std::move(fromKey)});
    scheduleCommit();
}

struct Room::MirrorWaiter {
    std::uint64_t seq;
    std::function<void()> then;
    asio::steady_timer timer;
};

bool Room::mirrorBehind(std::uint64_t seq) const { return m_stream && seq > m_committedSeq; }

void Room::whenMirrored(std::uint64_t seq, std::function<void()> then) {
    auto waiter =
        std::make_shared<MirrorWaiter>(MirrorWaiter{seq, std::move(then), asio::steady_timer(m_io)});
    waiter->timer.expires_after(kMirrorWait);
    waiter->timer.async_wait([this, w = std::weak_ptr<MirrorWaiter>(waiter)](const asio::error_code& ec) {
        if (!ec && w.lock()) releaseMirrorWaiters();
    });
    m_mirrorWaiters.push_back(std::move(waiter));
}

void Room::releaseMirrorWaiters() {
    // Each waiter is its own session's; few wait at once (only clients failing over from another node).
    std::erase_if(m_mirrorWaiters, [&](const std::shared_ptr<MirrorWaiter>& w) {
        if (w->seq > m_committedSeq && w->timer.expiry() > asio::steady_timer::clock_type::now())
            return false;
        w->timer.cancel();
        asio::post(m_io, std::move(w->then));
        return true;
    });
}

void Room::useClaims(NameClaims& claims) {
    m_claims = &claims;
    // Another node took a name over from a session here (the same client, failing over with its token): the
    // session here is a ghost of a lost link, or a window the user left behind.
    claims.onLost([this](const std::string& key) {
        const auto it = m_byKey.find(key);
        if (it == m_byKey.end()) return;
        // Read from the bucket already: the person moved to that node and stays in the room.
        if (const auto* holder = m_claims->heldElsewhere(key)) return nameElsewhere(key, holder, false);
        const std::shared_ptr<Participant> p = it->second; // leaveNow() drops the map's reference
        m_status.log("takeover " + quoted(p->membership.name) + " on another node");
        leaveNow(*p, net::LeaveReason::Replaced);
        p->evict(net::ErrorCode::Replaced);
    });
}

void Room::claimName(const std::shared_ptr<Participant>& p, const net::Hello& hello,
                     std::function<void(net::ErrorCode)> then) {
    p->membership.token = newToken();
    p->membership.provenElsewhere = false;
    p->membership.returningGuestFloor.reset();
    m_claims->claim(
        net::nameKey(hello.name), p->membership.token, {hello.name, p->ip()}, hello.resumeToken,
        [this, weak = std::weak_ptr<Participant>(p), name = hello.name,
         then = std::move(then)](NameClaims::Verdict verdict, std::optional<std::uint64_t> returning) {
            if (const auto p = weak.lock()) {
                // The session it continues was on another node: its private messages are its own.
                p->membership.provenElsewhere = verdict == NameClaims::Verdict::TakenOver;
                // A guest back (on this node or another) reads its earlier sessions' again.
                p->membership.returningGuestFloor = returning;
            }
            if (verdict == NameClaims::Verdict::Unavailable)
                m_status.log("cluster: names bucket unavailable: " + quoted(name) +
                             " checked on this node only");
            then(verdict == NameClaims::Verdict::Taken ? net::ErrorCode::NameTaken : net::ErrorCode::None);
        });
}

void Room::dropClaim(const std::string& key) {
    if (m_claims && m_byKey.count(key) == 0) m_claims->release(key);
}

} // namespace server

#include "server/room.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <memory>
#include <string_view>

#include <sodium.h>

#include <asio/steady_timer.hpp>

#include "net/validation.hpp"
#include "server/account_store.hpp"
#include "server/clock.hpp"
#include "server/cluster/name_claims.hpp"
#include "server/cluster/room_stream.hpp"
#include "server/frame.hpp"
#include "server/log_text.hpp"
#include "server/status.hpp"
#include "server/storage.hpp"
#include "server/write_queue.hpp"

namespace server {

namespace {

constexpr std::size_t kMaxReplayAfterSeq = 10000; // Hello.lastSeq != 0: at most the newest 10000
constexpr std::size_t kMaxReplayPrivates = 1000;
// What a join sequence's replays (public and private together) may queue, counted as the write queue counts
// (WriteQueue::cost): within half the queue cap, so a long absence cannot get the newcomer cut off as a slow
// reader before it is live, and within the high-water mark's order, so a hundred resumers that never read
// hold tens of megabytes, not gigabytes. The rest is the older part: the client pages it in.
constexpr std::size_t kMaxReplayBytes = 512u << 10;
constexpr std::uint64_t kGuestReturnMs = 3600 * 1000; // a guest who left may come back as itself this long
constexpr std::size_t kMaxLeftGuests = 4096;

} // namespace

net::Token Room::newToken() {
    net::Token t{};
    // The system's generator (getrandom, BCryptGenRandom) through libsodium.
    randombytes_buf(t.data(), t.size());
    return t;
}

namespace {

const char* reasonName(net::LeaveReason r) {
    switch (r) {
    case net::LeaveReason::Bye: return "bye";
    case net::LeaveReason::ConnectionLost: return "connection lost";
    case net::LeaveReason::Timeout: return "timeout";
    case net::LeaveReason::Kicked: return "kicked";
    case net::LeaveReason::Replaced: return "replaced";
    }
    return "unknown";
}

} // namespace

Room::Room(asio::io_context& io, Storage& storage, AccountStore& accounts, const Options& options,
           Status& status)
    : m_io(io), m_storage(storage), m_accounts(accounts), m_options(options), m_status(status),
      m_mailboxes(io, storage.handle(), options, status),
      m_presence(io, [this](const net::Presence& batch) { sendPresence(batch); }) {
    m_committedSeq = m_stampedSeq = storage.latestSeq();
    m_committedPseq = m_stampedPseq = storage.latestPrivateSeq();
    for (const auto& c : storage.publicAfter(0, m_committedSeq, options.history, SIZE_MAX).rows)
        remember(c.seq, makeFrame(c));
}

net::ErrorCode Room::hello(const std::shared_ptr<Participant>& p, const net::Hello& m, bool signedIn) {
    if (p->membership.joined) return net::ErrorCode::AlreadyJoined;
    if (m.version != net::kProtocolVersion && m.version != net::kLegacyProtocolVersion)
        return net::ErrorCode::BadVersion;
    // The NFC form is the one stored and shown: a name sent decomposed joins as its composed twin.
    auto name = net::normalizeName(m.name);
    if (!name) return net::ErrorCode::InvalidName;
    std::string key = net::nameKey(*name);
    // Being registered by another Hello right now: its owner comes in signed in, a guest may not.
    if (!signedIn && m_registering.count(key) > 0) return net::ErrorCode::NameTaken;
    std::shared_ptr<Participant> replaced;
    const bool tokenHolder = [&] {
        const auto it = m_byKey.find(key);
        return it != m_byKey.end() && !net::isZero(m.resumeToken) &&
               m.resumeToken == it->second->membership.token;
    }();
    if (auto it = m_byKey.find(key); it != m_byKey.end()) {
        // Only the holder of the token from that session's Welcome, or the owner of a registered name proving
        // it against a session of that owner's, may take the name over.
        if (!tokenHolder && !(signedIn && it->second->membership.signedIn)) return net::ErrorCode::NameTaken;
        replaced = it->second;
    }
    const std::uint64_t now = nowMs();
    // Private messages are replayed only to whoever proves to be the name's owner: its password, the token of
    // the session it takes over, or (a guest) the token of the session it left lately.
    // What of the name's private history it may read: its owner all since the name's floor, the holder of a
    // session's token what that session could, a guest back as itself what its sessions could, and anyone
    // else what comes from now on.
    std::optional<std::uint64_t> floor;
    if (signedIn) floor = m_accounts.privateFloor(key);
    else if (tokenHolder) floor = replaced->membership.privateFloor;
    else if (!replaced) floor = returningGuest(key, m.resumeToken, now);
    // A guest back in a cluster room whose departure another node (or this one) recorded.
    if (!floor && !replaced && !m_accounts.registered(key)) floor = p->membership.returningGuestFloor;
    // Failed over from another node: the private messages after those it saw there are its session's.
    if (!floor && p->membership.provenElsewhere) floor = m.lastPrivateSeq;
    const bool proven = floor.has_value();
    // Its owner is here: the mail is replayed below, and the mailbox takes new mail again.
    if (signedIn) m_mailboxes.opened(key, m_committedPseq);
    auto& ms = p->membership;
    ms.name = std::move(*name);
    ms.key = key;
    // A cluster node gave it one when it claimed the name (claimName), in the bucket all nodes read.
    if (!m_claims || net::isZero(ms.token)) ms.token = newToken();
    ms.joined = true;
    ms.signedIn = signedIn;
    ms.version = m.version;
    ms.privateFloor = floor.value_or(m_stampedPseq);
    if (replaced) {
        ms.index = replaced->membership.index;
        replaced->membership.joined = false;
        m_members[ms.index] = p.get();
        m_byKey[key] = p;
        m_directory.remove(replaced->membership.name);
    } else {
        ms.index = m_members.size();
        m_members.push_back(p.get());
        m_byKey.emplace(std::move(key), p);
    }
    // Shown as online on another node until now: it failed over to this one, and stays in the room quietly.
    bool fromElsewhere = false;
    if (const auto it = m_remote.find(ms.key); it != m_remote.end()) {
        m_directory.remove(it->second);
        m_remote.erase(it);
        fromElsewhere = true;
    }
    m_directory.add(ms.name);
    if (m_claims) m_claims->hold(ms.key, ms.token, {ms.name, p->ip()});
    sendJoinSequence(*p, m, proven);
    if (replaced) {
        replaced->evict(net::ErrorCode::Replaced);
        m_status.log("takeover " + quoted(ms.name) + " (" + p->ip() + ")");
        return net::ErrorCode::None;
    }
    const std::uint64_t at = nowMs();
    if (!fromElsewhere)
        announce(net::Joined{at, ms.name, p->ip(), static_cast<std::uint32_t>(roomSize())}, ms.name, true, at,
                 p.get());
    m_status.log("join " + quoted(ms.name) + " (" + p->ip() + ")" +
                 (fromElsewhere ? " from another node" : ""));
    m_status.online(online());
    return net::ErrorCode::None;
}

void Room::sendJoinSequence(Participant& p, const net::Hello& m, bool proven) {
    net::Welcome w;
    w.version = m.version;
    w.signedIn = p.membership.signedIn;
    w.accounts = m_options.accounts;
    w.name = p.membership.name;
    w.ip = p.ip();
    w.resumeToken = p.membership.token;
    w.latestSeq = m_committedSeq;
    w.maxTextBytes = m_options.maxMessageBytes;
    w.heartbeatMs = m_options.heartbeatMs;
    p.deliver(makeFrame(w));
    if (m_stream && !storeAvailable()) p.deliver(roomStateFrame()); // before its outbox goes out
    // Private messages are the scarcer: they get up to half the replay's bytes, the public replay the rest.
    const std::size_t budget = std::min(kMaxReplayBytes, m_options.maxQueueBytes / 2);
    Storage::Rows<net::Private> privates;
    if (proven) {
        const std::uint64_t after = std::max(m.lastPrivateSeq, p.membership.privateFloor);
        if (after < m_committedPseq)
            privates = m_storage.privatesFor(p.membership.key, after, m_committedPseq, kMaxReplayPrivates,
                                             budget / 2);
    }
    const std::uint32_t replayed = replayChats(p, m.lastSeq, budget - privates.bytes);
    for (auto& pm : privates.rows) {
        pm.flags = static_cast<std::uint8_t>(pm.flags | net::kPrivateReplay);
        p.deliver(makeFrame(pm));
    }
    p.deliver(makeFrame(net::Live{m_committedSeq, replayed}));
    users(p);
}

std::uint32_t Room::replayChats(Participant& p, std::uint64_t lastSeq, std::size_t budget) {
    if (lastSeq >= m_committedSeq) return 0;
    if (lastSeq != 0 && (m_recent.empty() || lastSeq + 1 < m_recent.front().seq)) {
        // Older than the cache: from the database, which reads only what fits the budget.
        const auto rows = m_storage.publicAfter(lastSeq, m_committedSeq, kMaxReplayAfterSeq, budget).rows;
        for (const auto& c : rows) p.deliver(makeFrame(c, frameSize(c)));
        return static_cast<std::uint32_t>(rows.size());
    }
    // From the cache's shared frames: the newest that fit the budget, delivered oldest first.
    std::size_t bytes = 0;
    auto first = m_recent.end();
    while (first != m_recent.begin() && std::prev(first)->seq > lastSeq &&
           bytes + WriteQueue::cost(std::prev(first)->frame) <= budget)
        bytes += WriteQueue::cost((--first)->frame);
    for (auto it = first; it != m_recent.end(); ++it) p.deliver(it->frame);
    return static_cast<std::uint32_t>(m_recent.end() - first);
}

std::optional<std::uint64_t> Room::returningGuest(const std::string& key, const net::Token& token,
                                                  std::uint64_t now) {
    const auto it = m_leftGuests.find(key);
    if (it == m_leftGuests.end()) return std::nullopt;
    const bool same = !net::isZero(token) && token == it->second.token && now < it->second.expiresMs;
    const std::uint64_t floor = it->second.privateFloor;
    m_leftGuests.erase(it); // one return per departure
    if (!same || m_accounts.registered(key)) return std::nullopt;
    return floor;
}

void Room::rememberGuest(const Participant& p, std::uint64_t now) {
    if (p.membership.signedIn) return;
    if (m_leftGuests.size() >= kMaxLeftGuests) {
        for (auto it = m_leftGuests.begin(); it != m_leftGuests.end();)
            it = it->second.expiresMs <= now ? m_leftGuests.erase(it) : std::next(it);
        if (m_leftGuests.size() >= kMaxLeftGuests) m_leftGuests.erase(m_leftGuests.begin());
    }
    m_leftGuests[p.membership.key] = {p.membership.token, now + kGuestReturnMs, p.membership.privateFloor};
}

void Room::leave(Participant& p, net::LeaveReason reason) {
    if (!p.membership.joined || p.membership.lost) return;
    if (reason != net::LeaveReason::ConnectionLost || m_options.presenceGraceMs == 0)
        return leaveNow(p, reason);
    p.membership.lost = true;
    auto timer =
        std::make_shared<asio::steady_timer>(m_io, std::chrono::milliseconds(m_options.presenceGraceMs));
    // The map keeps p while it is in the room; once taken over (or gone) the timer finds it not joined.
    std::weak_ptr<Participant> weak = m_byKey.at(p.membership.key);
    timer->async_wait([this, timer, weak](const std::error_code& ec) {
        const auto ghost = weak.lock();
        if (!ec && ghost && ghost->membership.joined && ghost->membership.lost)
            leaveNow(*ghost, net::LeaveReason::ConnectionLost);
    });
}

void Room::leaveNow(Participant& p, net::LeaveReason reason, bool announced) {
    if (!p.membership.joined) return;
    auto& ms = p.membership;
    ms.joined = false;
    rememberGuest(p, nowMs());
    Participant* last = m_members.back();
    m_members[ms.index] = last;
    last->membership.index = ms.index;
    m_members.pop_back();
    m_directory.remove(ms.name);
    // Keep the participant alive until the end of this call even if the map held the last reference.
    auto node = m_byKey.extract(ms.key);
    if (m_claims)
        m_claims->release(ms.key, ms.signedIn
                                      ? std::nullopt
                                      : std::optional<NameClaims::Departure>({ms.token, ms.privateFloor}));
    const std::uint64_t at = nowMs();
    if (announced)
        announce(net::Left{at, ms.name, reason, static_cast<std::uint32_t>(roomSize())}, ms.name, false, at,
                 nullptr);
    m_status.log("leave " + quoted(ms.name) + " (" + p.ip() + "): " + reasonName(reason));
    m_status.online(online());
}

bool Room::signOut(const std::string& key) {
    const auto it = m_byKey.find(key);
    if (it == m_byKey.end()) return false;
    const std::shared_ptr<Participant> p = it->second; // leaveNow() drops the map's reference
    leaveNow(*p, net::LeaveReason::Kicked);
    p->evict(net::ErrorCode::SignedOut);
    return true;
}

void Room::users(Participant& p) {
    // Version 2 gets every part, UsersParts then a Users; version 1 knows only Users, and gets the first.
    if (p.membership.version >= net::kProtocolVersion) return m_directory.deliverTo(p);
    p.deliver(m_directory.firstFrame());
}

void Room::sendPresence(const net::Presence& batch) {
    const Frame frame = makeFrame(batch);
    for (Participant* m : m_members)
        if (m->membership.version >= net::kProtocolVersion) m->deliver(frame);
}

void Room::announce(const net::Message& notice, const std::string& name, bool joined, std::uint64_t timeMs,
                    const Participant* except) {
    const Frame frame = makeFrame(notice);
    if (m_presence.announceAlone(std::chrono::steady_clock::now())) return broadcast(frame, except);
    for (Participant* m : m_members)
        if (m != except && m->membership.version < net::kProtocolVersion) m->deliver(frame);
    for (Participant* w : m_watchers) w->deliver(frame); // they get no Presence
    const auto online = static_cast<std::uint32_t>(roomSize());
    if (joined) m_presence.joined(name, timeMs, online);
    else m_presence.left(name, timeMs, online);
}

void Room::broadcast(const Frame& frame, const Participant* except) {
    for (Participant* m : m_members)
        if (m != except) m->deliver(frame);
    for (Participant* w : m_watchers)
        if (w != except) w->deliver(frame);
}

void Room::remember(std::uint64_t seq, const Frame& frame) {
    if (m_options.history == 0) return;
    if (m_recent.size() >= m_options.history) m_recent.pop_front();
    m_recent.push_back({seq, frame});
}

} // namespace server

// Room: the message paths (public, private, history pages) and the group commit that gates delivery.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <asio/post.hpp>

#include "net/validation.hpp"
#include "server/account_store.hpp"
#include "server/clock.hpp"
#include "server/frame.hpp"
#include "server/room.hpp"
#include "server/status.hpp"
#include "server/storage.hpp"

namespace server {

namespace {

// Deliveries one burst may fan out (its messages x the members): at most 10-20 ms of queueing for this server
// on one core, and as much writing in the round after it (at 2^20: 30-45 ms, and ~50 ms of writing). Ready
// sockets are read 128 per turn of the event loop, so with a thousand senders a Ping waits several bursts: at
// 2^20 it waited up to 2.8 s, at 2^18 0.2-0.5 s, with the same throughput (bench/README.md: fan-out and
// 1000-client rounds alike).
constexpr std::size_t kBurstDeliveries = 1u << 18;

// A HistoryPage's payload before its messages: type, beforeSeq, more, count.
constexpr std::size_t kPageHeaderBytes = 1 + 8 + 1 + 2;

} // namespace

void Room::say(const std::shared_ptr<Participant>& p, net::Say&& m) {
    if (!p->membership.joined) return;
    if (auto ec = net::validateText(m.text, m_options.maxMessageBytes); ec != net::ErrorCode::None) {
        p->deliver(errorFrame(ec, m.clientId));
        return;
    }
    if (m_stream)
        return sayThroughStream(p, {0, nowMs(), p->membership.name, p->ip(), m.clientId, std::move(m.text)});
    net::Chat c{++m_stampedSeq, nowMs(), p->membership.name, p->ip(), m.clientId, std::move(m.text)};
    if (!m_storage.stagePublic(c)) m_burstFailed = true;
    m_pending.push_back({p, std::move(c), {}, {}});
    scheduleCommit();
}

void Room::whisper(const std::shared_ptr<Participant>& p, net::Whisper&& m) {
    if (!p->membership.joined) return;
    auto to = net::normalizeName(m.to);
    if (!to) {
        p->deliver(errorFrame(net::ErrorCode::InvalidRecipient, m.clientId));
        return;
    }
    if (auto ec = net::validateText(m.text, m_options.maxMessageBytes); ec != net::ErrorCode::None) {
        p->deliver(errorFrame(ec, m.clientId));
        return;
    }
    std::string toKey = net::nameKey(*to);
    if (m_privateStream) return whisperThroughStream(p, std::move(m), std::move(*to), std::move(toKey));
    const auto recipient = m_byKey.find(toKey);
    const bool online = recipient != m_byKey.end();
    // A lab client's protocol has no private messages: it could neither be told apart nor answer.
    if (online && !recipient->second->takesPrivate()) {
        p->deliver(errorFrame(net::ErrorCode::RecipientOffline, m.clientId,
                              "recipient-offline: a lab client takes no private messages"));
        return;
    }
    // A mailbox only for a registered name: mail to a guest's name would wait for whoever took it next.
    if (!online && !m_accounts.registered(toKey)) {
        p->deliver(errorFrame(net::ErrorCode::RecipientOffline, m.clientId));
        return;
    }
    if (!online) {
        if (auto verdict = m_mailboxes.admit(toKey, p->ip()); verdict.refusal != net::ErrorCode::None) {
            p->deliver(errorFrame(verdict.refusal, m.clientId, std::move(verdict.why)));
            return;
        }
    }
    net::Private pm{++m_stampedPseq,
                    nowMs(),
                    p->membership.name,
                    p->ip(),
                    online ? recipient->second->membership.name : std::move(*to),
                    m.clientId,
                    static_cast<std::uint8_t>(online ? 0 : net::kPrivateStored),
                    std::move(m.text)};
    if (!m_storage.stagePrivate(pm, p->membership.key, toKey)) m_burstFailed = true;
    if (!online) m_mailboxes.stored(toKey, p->ip());
    m_pending.push_back({p, std::move(pm), std::move(toKey), p->membership.key});
    scheduleCommit();
}

std::size_t Room::history(Participant& p, const net::HistoryRequest& m) {
    const std::uint64_t before =
        m.beforeSeq == 0 || m.beforeSeq > m_committedSeq + 1 ? m_committedSeq + 1 : m.beforeSeq;
    const std::size_t count = std::clamp<std::size_t>(m.maxCount, 1, net::kMaxHistoryPage);
    // A page must fit in one frame: the read stops at the first message that would not fit (each counted
    // with kFrameOverhead, a little more than it adds to the page), and the client asks again from the
    // oldest it got.
    auto read = m_storage.publicBefore(before, count, net::kMaxFrameBytes - kPageHeaderBytes);
    net::HistoryPage page;
    page.beforeSeq = m.beforeSeq;
    page.more = read.more;
    page.messages = std::move(read.rows);
    const Frame frame = makeFrame(page);
    p.deliver(frame);
    return frame->size();
}

std::size_t Room::privateHistory(Participant& p, const net::PrivateHistoryRequest& m) {
    const std::uint64_t before =
        m.beforeSeq == 0 || m.beforeSeq > m_committedPseq + 1 ? m_committedPseq + 1 : m.beforeSeq;
    const std::size_t count = std::clamp<std::size_t>(m.maxCount, 1, net::kMaxHistoryPage);
    net::PrivateHistoryPage page;
    page.beforeSeq = m.beforeSeq;
    if (before > p.membership.privateFloor + 1) {
        auto read = m_storage.privatesFor(p.membership.key, p.membership.privateFloor, before - 1, count,
                                          net::kMaxFrameBytes - kPageHeaderBytes);
        page.more = read.more;
        page.messages.assign(std::make_move_iterator(read.rows.rbegin()),
                             std::make_move_iterator(read.rows.rend())); // newest first
    }
    const Frame frame = makeFrame(page);
    p.deliver(frame);
    return frame->size();
}

std::vector<net::Chat> Room::newest(std::size_t limit, std::size_t maxBytes) {
    return m_storage.publicBefore(m_committedSeq + 1, limit, maxBytes).rows;
}

bool Room::hasRoomForMore() const {
    return m_pending.size() * std::max<std::size_t>(m_members.size(), 1) < kBurstDeliveries;
}

void Room::whenRoomForMore(std::function<void()> resume) {
    m_waitingForRoom.push_back(std::move(resume));
    scheduleCommit(); // the burst is pending, so a commit is too; said again for safety
}

void Room::flush() {
    if (!m_pending.empty()) commitBurst();
}

void Room::scheduleCommit() {
    if (m_commitPosted) return;
    m_commitPosted = true;
    // Everything the event loop handles before this runs joins the same transaction: one commit per burst.
    asio::post(m_io, [this] { commitBurst(); });
}

void Room::commitBurst() {
    m_commitPosted = false;
    if (m_pending.empty()) return resumeWaiting();
    const bool ok = !m_burstFailed && m_storage.commit();
    if (!ok) {
        if (m_burstFailed) m_storage.rollback();
        std::fprintf(stderr,
                     "imchat-server: STORAGE FAILURE: %zu message(s) not stored and not delivered: %s\n",
                     m_pending.size(), m_storage.lastError().c_str());
        std::fflush(stderr);
        // Nothing of the burst is durable, so nothing is delivered and its sequence numbers are reused.
        m_mailboxes.forget();
        m_stampedSeq = m_committedSeq;
        m_stampedPseq = m_committedPseq;
        for (auto& pend : m_pending)
            if (pend.sender) // none for a message of the cluster's stream (already stored there)
                pend.sender->deliver(errorFrame(net::ErrorCode::StorageFailed, net::clientIdOf(pend.msg)));
    } else {
        m_committedSeq = m_stampedSeq;
        m_committedPseq = m_stampedPseq;
        for (auto& pend : m_pending) publish(pend);
        if (!m_mirrorWaiters.empty()) releaseMirrorWaiters();
    }
    m_pending.clear();
    m_burstFailed = false;
    resumeWaiting();
}

void Room::resumeWaiting() {
    // Posted in the order they waited: they read before sessions the reactor reports afresh.
    auto waiting = std::move(m_waitingForRoom);
    m_waitingForRoom.clear();
    for (auto& resume : waiting) asio::post(m_io, std::move(resume));
}

void Room::publish(Pending& pend) {
    if (auto* chat = std::get_if<net::Chat>(&pend.msg)) {
        const Frame frame = makeFrame(pend.msg, frameSize(*chat));
        remember(chat->seq, frame);
        broadcast(frame);
        return;
    }
    const Frame frame = makeFrame(pend.msg, frameSize(std::get<net::Private>(pend.msg)));
    // Route by name at delivery time: a sender or recipient that reconnected meanwhile gets it on its new
    // session.
    Participant* to = nullptr;
    if (auto it = m_byKey.find(pend.toKey); it != m_byKey.end()) to = it->second.get();
    Participant* from = nullptr;
    if (auto it = m_byKey.find(pend.fromKey); it != m_byKey.end()) from = it->second.get();
    if (to) to->deliver(frame);
    if (from && from != to) from->deliver(frame);
}

} // namespace server

#include "app/model/chat_model.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_set>
#include <utility>

#include "app/text/explain.hpp"
#include "app/text/mention.hpp"
#include "app/text/natural_order.hpp"
#include "app/text/reply_quote.hpp"
#include "app/text/text_fold.hpp"
#include "net/validation.hpp"

namespace app {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
// C++20 deduces this for an aggregate by itself; clang 14 does not yet.
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

/// The user list's order: letter case aside, digits as numbers (b2 before b10); names that differ in case
/// only by their name keys, so the order is total.
bool nameLess(const std::string& a, const std::string& b) {
    std::string fa;
    std::string fb;
    foldCase(a, fa);
    foldCase(b, fb);
    if (naturalLess(fa, fb)) return true;
    if (naturalLess(fb, fa)) return false;
    return net::nameKey(a) < net::nameKey(b);
}

/// Sorts names in nameLess order, each folded once (a big room's list holds thousands).
void sortNames(std::vector<std::string>& names) {
    std::vector<std::pair<std::string, std::string>> folded; // (folded, name)
    folded.reserve(names.size());
    for (std::string& n : names) {
        std::string f;
        foldCase(n, f);
        folded.emplace_back(std::move(f), std::move(n));
    }
    std::sort(folded.begin(), folded.end(), [](const auto& a, const auto& b) {
        if (naturalLess(a.first, b.first)) return true;
        if (naturalLess(b.first, a.first)) return false;
        return net::nameKey(a.second) < net::nameKey(b.second);
    });
    names.clear();
    for (auto& [f, n] : folded) names.push_back(std::move(n));
}

constexpr std::string_view kActionPrefix = "/me ";

/// "/me waves" is an action (a convention inside the text, PROTOCOL.md §5.2).
bool isAction(std::string_view text) { return text.starts_with(kActionPrefix); }

/// What the scrollback shows (and copies, saves, searches) for a message's text: an action as
/// "* name waves", everything else as sent.
std::string shownText(std::string_view name, std::string_view text) {
    if (!isAction(text)) return shownReply(text);
    return std::string("* ").append(name).append(" ").append(text.substr(kActionPrefix.size()));
}

} // namespace

ChatModel::ChatModel(Lang lang) : m_lang(lang) { m_conversations.emplace_back(); }

void ChatModel::apply(const net::Event& event, Now now) {
    std::visit(Overloaded{
                   [&](const net::ConnectingEvent& e) {
                       m_link.state = LinkState::Connecting;
                       m_link.readOnly = false; // the next server says so again if it is
                       m_link.endpoint = e.endpoint;
                       m_link.attempt = e.attempt;
                       m_link.asked = e.name;
                   },
                   [&](const net::ConnectedEvent& e) {
                       m_link.state = LinkState::Joining;
                       m_link.endpoint = e.endpoint;
                       m_link.refusal = net::ErrorCode::None;
                   },
                   [&](const net::DisconnectedEvent& e) {
                       // A refused Hello was explained by its Error just before (in our language).
                       if (m_link.refusal == net::ErrorCode::None)
                           m_link.reason =
                               explainDisconnect(strings(m_lang), e, m_link.endpoint, m_link.asked);
                       // A key to decide on keeps its own state: the dialog stays until the user answers.
                       const bool keyQuestion =
                           m_link.state == LinkState::KeyUnknown || m_link.state == LinkState::KeyChanged;
                       if (!keyQuestion)
                           m_link.state = e.retryInMs >= 0 ? LinkState::Reconnecting : LinkState::Offline;
                       m_link.retryAtMs = now.steadyMs + std::max<std::int64_t>(e.retryInMs, 0);
                       // A request in flight died with the link.
                       m_olderInFlight = m_privateInFlight = false;
                   },
                   [&](const net::WelcomeEvent& e) { onWelcome(e, now); },
                   [&](const net::Chat& e) { onChat(e); },
                   [&](const net::Private& e) { onPrivate(e, now); },
                   [&](const net::Joined& e) { onJoined(e); },
                   [&](const net::Left& e) { onLeft(e); },
                   [&](const net::Presence& e) { onPresence(e); },
                   [&](const net::RoomState& e) { m_link.readOnly = e.readOnly; },
                   [&](const net::Users& e) { setUsers(e.names); },
                   [&](const net::HistoryPage& e) { onHistoryPage(e, now); },
                   [&](const net::Error& e) { onError(e, now); },
                   [&](const net::ServerKeyEvent& e) {
                       m_link.state = e.pinned.empty() ? LinkState::KeyUnknown : LinkState::KeyChanged;
                       m_link.endpoint = e.endpoint;
                       m_link.serverKey = e.fingerprint;
                       m_link.pinnedKey = e.pinned;
                   },
                   [&](const net::DeviceTokenEvent&) {}, // kept by the ChatClient, not shown
                   [&](const net::AccountUpdate& e) { onAccountUpdate(e, now); },
                   [&](const net::PrivateHistoryPage& e) { onPrivateHistoryPage(e, now); },
               },
               event);
}

void ChatModel::onWelcome(const net::WelcomeEvent& w, Now now) {
    // Ours typed while away stay on screen even when the room starts over below.
    const std::vector<std::pair<std::uint64_t, Entry>> typedAway = pendingIn(kRoom);
    if (w.latestSeq < m_lastSeq) { // the server's history is not the one we hold (its data was reset)
        m_conversations[kRoom].clear();
        m_lastSeq = m_oldestSeq = 0;
        m_welcomed = false;
    }
    m_me = w.you;
    m_myIp = w.ip;
    m_maxTextBytes = w.maxTextBytes;
    m_latestSeq = w.latestSeq;
    m_link.state = LinkState::Online;
    m_link.reason.clear();
    m_link.encrypted = w.encrypted;
    m_link.signedIn = w.signedIn;
    m_link.accounts = w.accounts;
    m_link.refusal = net::ErrorCode::None;
    intern(m_me); // our own name's glyphs are needed for the connect bar
    setUsers(w.users);

    Conversation& room = m_conversations[kRoom];
    // After a long absence the server's replay is cut at its oldest end and starts past what we hold. The
    // room starts over from the replay instead of showing a hole: the missed messages come back on scroll-up
    // as older pages, continuous with everything before them.
    if (m_welcomed && m_lastSeq != 0 && !w.history.empty() && w.history.front().seq > m_lastSeq + 1) {
        const std::uint64_t missed = w.history.front().seq - m_lastSeq - 1;
        room.clear();
        m_lastSeq = m_oldestSeq = 0;
        m_moreOlder = true;
        // Dated like the first message after it, so no day divider separates the two.
        addNotice(kRoom, EntryKind::Notice,
                  format(strings(m_lang).missedWhileAway, static_cast<unsigned long long>(missed)),
                  w.history.front().timeMs);
    }
    for (const net::Chat& c : w.history) {
        if (c.seq <= m_lastSeq) continue;
        Entry e = chatEntry(c);
        // The first join's history is old news; after a reconnect it is what we missed (unread).
        if (!m_welcomed) e.flags |= kEntryReplayed;
        if (isMe(c.name) && c.clientId != 0 && confirm(c.clientId, e))
            continue; // stored before the link broke
        room.pushBack(e);
    }
    for (const auto& [clientId, e] : typedAway) {
        std::size_t conv = 0;
        std::size_t index = 0;
        if (m_pending.count(clientId) == 0 || pendingSlot(clientId, conv, index))
            continue; // sent, or still shown
        room.pushBack(e);
        track(clientId, kRoom, room.size() - 1);
    }
    for (net::Private p : w.privates) {
        // As in the room: the first join's replay is history; after a reconnect it is what we missed.
        if (m_welcomed) p.flags = static_cast<std::uint8_t>(p.flags & ~net::kPrivateReplay);
        onPrivate(p, now);
    }
    if (!m_welcomed) {
        m_morePrivate = true; // whether older private messages exist, the first page says
        // The lab shows the separator only when there was history to separate.
        if (!room.empty())
            addNotice(kRoom, EntryKind::Separator, strings(m_lang).historySeparator, now.utcMs);
        m_moreOlder = m_oldestSeq != 0 ? m_oldestSeq > 1 : w.latestSeq > 0;
    } else {
        addNotice(kRoom, EntryKind::Notice, strings(m_lang).reconnected, now.utcMs);
    }
    m_welcomed = true;
}

Entry ChatModel::chatEntry(const net::Chat& c) {
    Entry e;
    e.kind = EntryKind::Chat;
    e.seq = c.seq;
    e.timeMs = c.timeMs;
    e.nameId = intern(c.name);
    e.ipId = intern(c.ip);
    e.text = storeText(shownText(c.name, c.text));
    if (isMe(c.name)) e.flags |= kEntryFromMe;
    if (isAction(c.text)) e.flags |= kEntryAction;
    if (parseReply(c.text)) e.flags |= kEntryReply;
    m_lastSeq = std::max(m_lastSeq, c.seq);
    if (m_oldestSeq == 0 || c.seq < m_oldestSeq) m_oldestSeq = c.seq;
    return e;
}

void ChatModel::onChat(const net::Chat& c) {
    if (c.seq <= m_lastSeq) return; // already held (replayed after a reconnect)
    const Entry e = chatEntry(c);
    if (isMe(c.name) && c.clientId != 0 && confirm(c.clientId, e)) return;
    Conversation& room = m_conversations[kRoom];
    room.pushBack(e);
    ++room.unread;
    if (!isMe(c.name) && mentions(c.text, m_me)) noteNotable(kRoom, c.name, c.text);
}

void ChatModel::noteNotable(std::size_t conversation, std::string_view from, std::string_view text) {
    constexpr std::size_t kKept = 32; // a burst while nobody looks: the newest are what matter
    if (m_notable.size() == kKept) m_notable.erase(m_notable.begin());
    m_notable.push_back({conversation, std::string(from), std::string(text)});
}

void ChatModel::onPrivate(const net::Private& p, Now now) {
    if (p.seq != 0 && p.seq <= m_lastPrivateSeq) return;
    m_lastPrivateSeq = std::max(m_lastPrivateSeq, p.seq);
    const bool fromMe = isMe(p.from);
    const std::size_t conv = openPrivate(fromMe ? p.to : p.from);
    Conversation& c = m_conversations[conv];
    const Entry e = privateEntry(p, fromMe);
    if (!(fromMe && p.clientId != 0 && confirm(p.clientId, e))) c.pushBack(e);
    // Unread: what others wrote that is new to us (mail that waited for us is; our own words never are).
    if (!fromMe && (!(p.flags & net::kPrivateReplay) || (p.flags & net::kPrivateStored))) {
        ++c.unread;
        noteNotable(conv, p.from, p.text);
    }
    if (fromMe && (p.flags & net::kPrivateStored) && !(p.flags & net::kPrivateReplay))
        addNotice(conv, EntryKind::Notice, strings(m_lang).storedOffline, now.utcMs);
}

Entry ChatModel::privateEntry(const net::Private& p, bool fromMe) {
    Entry e;
    e.kind = EntryKind::Private;
    e.seq = p.seq;
    e.timeMs = p.timeMs;
    e.nameId = intern(p.from);
    e.ipId = intern(p.fromIp);
    e.text = storeText(shownText(p.from, p.text));
    if (isAction(p.text)) e.flags |= kEntryAction;
    if (parseReply(p.text)) e.flags |= kEntryReply;
    e.flags = static_cast<std::uint8_t>((fromMe ? kEntryFromMe : 0) |
                                        (p.flags & net::kPrivateStored ? kEntryStored : 0) |
                                        (p.flags & net::kPrivateReplay ? kEntryReplayed : 0));
    if (p.seq != 0 && (m_oldestPrivateSeq == 0 || p.seq < m_oldestPrivateSeq)) m_oldestPrivateSeq = p.seq;
    return e;
}

void ChatModel::onPrivateHistoryPage(const net::PrivateHistoryPage& page, Now now) {
    if (!m_privateInFlight || page.beforeSeq != m_privateAskedBefore) return; // a request we abandoned
    m_privateInFlight = false;
    const std::uint64_t heldFrom = m_oldestPrivateSeq;
    for (const net::Private& p : page.messages) { // newest first: each goes in front of the previous one
        if (p.seq == 0 || (heldFrom != 0 && p.seq >= heldFrom)) continue;
        const bool fromMe = isMe(p.from);
        // Old messages with someone whose conversation is not open open it (unread 0): they are ours, and
        // the next page starts below them whichever tab asked.
        m_conversations[openPrivate(fromMe ? p.to : p.from)].pushFront(privateEntry(p, fromMe));
    }
    m_morePrivate = page.more && !page.messages.empty();
    if (m_morePrivate) return;
    // Every private conversation now reaches back to its first message.
    for (std::size_t c = kRoom + 1; c < m_conversations.size(); ++c) {
        Conversation& conv = m_conversations[c];
        Entry e;
        e.kind = EntryKind::Notice;
        e.timeMs = conv.empty() ? now.utcMs : conv[0].timeMs;
        e.text = storeText(strings(m_lang).historyStart);
        conv.pushFront(e);
    }
}

void ChatModel::onJoined(const net::Joined& j) {
    if (m_onlineKeys.insert(net::nameKey(j.name)).second)
        m_users.insert(std::lower_bound(m_users.begin(), m_users.end(), j.name, nameLess), j.name);
    notePresence({j.name}, 1, {}, 0, j.online, j.timeMs);
}

void ChatModel::onLeft(const net::Left& l) {
    const std::string key = net::nameKey(l.name);
    if (m_onlineKeys.erase(key) > 0)
        std::erase_if(m_users, [&](const std::string& u) { return net::nameKey(u) == key; });
    notePresence({}, 0, {l.name}, 1, l.online, l.timeMs);
}

void ChatModel::notePresence(const std::vector<std::string>& joined, std::uint32_t joinedCount,
                             const std::vector<std::string>& left, std::uint32_t leftCount,
                             std::uint32_t online, std::uint64_t timeMs) {
    if (joinedCount == 0 && leftCount == 0) return;
    constexpr std::uint64_t kRunMs = 60'000;
    constexpr std::size_t kShown = 5; // names on the line; the counts say how many there were
    Conversation& room = m_conversations[kRoom];
    const bool grows = !room.empty() && room.epoch() == m_run.epoch &&
                       m_run.index + (room.frontPushes() - m_run.frontPushes) == room.size() - 1 &&
                       timeMs >= m_run.startMs && timeMs - m_run.startMs < kRunMs;
    if (!grows) {
        m_run = PresenceRun{};
        m_run.startMs = timeMs;
    }
    for (const std::string& n : joined)
        if (m_run.joined.size() < kShown) m_run.joined.push_back(n);
    for (const std::string& n : left)
        if (m_run.left.size() < kShown) m_run.left.push_back(n);
    m_run.joinedCount += joinedCount;
    m_run.leftCount += leftCount;

    const Strings& s = strings(m_lang);
    const auto names = [&](const std::vector<std::string>& list, std::uint32_t count) {
        std::string out;
        for (std::size_t i = 0; i < list.size(); ++i)
            out += (i == 0 ? "" : m_lang == Lang::Zh ? "\u3001" : ", ") + list[i];
        if (count > list.size()) out += "\u2026";
        return out;
    };
    const PresenceRun& r = m_run;
    std::string text;
    if (r.leftCount == 0)
        text = r.joinedCount == 1
                   ? format(s.joined, r.joined[0].c_str(), online)
                   : format(s.manyJoined, r.joinedCount, names(r.joined, r.joinedCount).c_str(), online);
    else if (r.joinedCount == 0)
        text = r.leftCount == 1 ? format(s.left, r.left[0].c_str(), online)
                                : format(s.manyLeft, r.leftCount, names(r.left, r.leftCount).c_str(), online);
    else
        text = format(s.joinedAndLeft, r.joinedCount, names(r.joined, r.joinedCount).c_str(), r.leftCount,
                      names(r.left, r.leftCount).c_str(), online);
    Entry e;
    e.kind = EntryKind::Notice;
    e.timeMs = grows ? room.back().timeMs : timeMs; // the line stays where the run began
    e.text = storeText(text);
    if (grows) {
        room.replaceLast(e);
        return;
    }
    room.pushBack(e);
    m_run.index = room.size() - 1;
    m_run.frontPushes = room.frontPushes();
    m_run.epoch = room.epoch();
}

void ChatModel::onPresence(const net::Presence& p) {
    // Departures first: a name can leave and another of the same key arrive in one batch (PROTOCOL.md).
    // Each name's key is computed once: a batch in a big room names thousands.
    std::unordered_set<std::string> gone;
    for (const std::string& name : p.left) {
        std::string key = net::nameKey(name);
        if (m_onlineKeys.erase(key) > 0) gone.insert(std::move(key));
    }
    if (!gone.empty())
        std::erase_if(m_users, [&](const std::string& u) { return gone.count(net::nameKey(u)) > 0; });
    if (!p.joined.empty()) {
        std::vector<std::pair<std::string, std::string>> byKey; // (key, name)
        byKey.reserve(m_users.size() + p.joined.size());
        for (std::string& u : m_users) byKey.emplace_back(net::nameKey(u), std::move(u));
        for (const std::string& name : p.joined) byKey.emplace_back(net::nameKey(name), name);
        // Stable: a name already in the list stays as it was written there.
        std::stable_sort(byKey.begin(), byKey.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        byKey.erase(std::unique(byKey.begin(), byKey.end(),
                                [](const auto& a, const auto& b) { return a.first == b.first; }),
                    byKey.end());
        m_users.clear();
        for (auto& [key, name] : byKey) {
            m_onlineKeys.insert(std::move(key));
            m_users.push_back(std::move(name));
        }
        sortNames(m_users);
    }
    // Our own arrival is not news to us: one that joined during the batch finds its name in it.
    std::vector<std::string> others;
    const bool meAmong =
        std::any_of(p.joined.begin(), p.joined.end(), [&](const auto& n) { return isMe(n); });
    if (meAmong)
        std::copy_if(p.joined.begin(), p.joined.end(), std::back_inserter(others),
                     [&](const auto& n) { return !isMe(n); });
    const std::vector<std::string>& arrivals = meAmong ? others : p.joined;
    const std::uint32_t arrived = p.joinedCount - (meAmong && p.joinedCount > 0 ? 1 : 0);
    notePresence(arrivals, arrived, p.left, p.leftCount, p.online, p.timeMs);
}

void ChatModel::onHistoryPage(const net::HistoryPage& page, Now now) {
    if (!m_olderInFlight || page.beforeSeq != olderBefore()) return; // an answer to a request we abandoned
    m_olderInFlight = false;
    m_moreOlder = page.more;
    Conversation& room = m_conversations[kRoom];
    for (const net::Chat& c : page.messages) { // newest first: each goes in front of the previous one
        if (m_oldestSeq != 0 && c.seq >= m_oldestSeq) continue;
        room.pushFront(chatEntry(c));
    }
    if (!page.more) {
        Entry e;
        e.kind = EntryKind::Notice;
        // Dated like the oldest message, so no day divider separates the two.
        e.timeMs = room.empty() ? now.utcMs : room[0].timeMs;
        e.text = storeText(strings(m_lang).historyStart);
        room.pushFront(e);
    }
}

void ChatModel::onError(const net::Error& e, Now now) {
    const Strings& s = strings(m_lang);
    std::size_t conv = kRoom;
    if (e.clientId != 0) {
        std::size_t index = 0;
        if (pendingSlot(e.clientId, conv, index)) {
            Conversation& c = m_conversations[conv];
            Entry failed = c[index];
            failed.flags = static_cast<std::uint8_t>((failed.flags & ~kEntryPending) | kEntryFailed);
            c.replace(index, failed);
        } else if (auto it = m_pending.find(e.clientId); it != m_pending.end()) {
            conv = it->second.conv;
        }
        m_pending.erase(e.clientId);
        addPrompt(conv, format(s.notSent, errorReason(e).c_str()), now);
        return;
    }
    switch (e.code) {
    case net::ErrorCode::NameTaken:
    case net::ErrorCode::InvalidName:
    case net::ErrorCode::AuthRequired:
    case net::ErrorCode::BadCredentials:
    case net::ErrorCode::LoginThrottled:
    case net::ErrorCode::RegistrationRequired:
    case net::ErrorCode::AlreadyRegistered:
    case net::ErrorCode::WeakPassword:
    case net::ErrorCode::AccountsDisabled:
    case net::ErrorCode::SignedOut:
        // The Hello was refused (or the operator ended our session): the user has to act (another name,
        // a password), the window asks.
        m_link.state = LinkState::Offline;
        m_link.reason = errorReason(e);
        m_link.refusal = e.code;
        break;
    default: break;
    }
    addPrompt(conv, errorReason(e), now);
}

void ChatModel::declineKey() {
    m_link.state = LinkState::Offline;
    m_link.reason = strings(m_lang).keyDeclined;
}

void ChatModel::onAccountUpdate(const net::AccountUpdate& u, Now now) {
    const Strings& s = strings(m_lang);
    m_link.signedIn = true;
    if (u.change == net::AccountChange::Registered) addNote(kRoom, format(s.registered, m_me.c_str()), now);
    else addNote(kRoom, s.passwordChanged, now);
}

std::string ChatModel::errorReason(const net::Error& e) const {
    return explainError(strings(m_lang), e, m_link.asked);
}

void ChatModel::addPrompt(std::size_t conversation, std::string_view text, Now now) {
    addNotice(conversation, EntryKind::Prompt, text, now.utcMs);
}

void ChatModel::addNote(std::size_t conversation, std::string_view text, Now now) {
    addNotice(conversation, EntryKind::Notice, text, now.utcMs);
}

void ChatModel::addNotice(std::size_t conversation, EntryKind kind, std::string_view text,
                          std::uint64_t timeMs) {
    Entry e;
    e.kind = kind;
    e.timeMs = timeMs;
    e.text = storeText(text);
    m_conversations[conversation].pushBack(e);
}

void ChatModel::addPending(std::uint64_t clientId, std::size_t conversation, std::string_view text, Now now) {
    Entry e;
    e.kind = conversation == kRoom ? EntryKind::Chat : EntryKind::Private;
    e.timeMs = now.utcMs;
    const std::string& me = m_me.empty() ? m_link.asked : m_me;
    e.text = storeText(shownText(me, text));
    e.nameId = intern(me);
    e.ipId = intern(m_myIp);
    e.flags = kEntryFromMe | kEntryPending | (isAction(text) ? kEntryAction : 0) |
              (parseReply(text) ? kEntryReply : 0);
    Conversation& c = m_conversations[conversation];
    c.pushBack(e);
    track(clientId, conversation, c.size() - 1);
}

bool ChatModel::isFailed(std::size_t conv, std::size_t i) const {
    return conv < m_conversations.size() && i < m_conversations[conv].size() &&
           (m_conversations[conv][i].flags & kEntryFailed) != 0;
}

void ChatModel::retrying(std::size_t conv, std::size_t i, std::uint64_t clientId) {
    if (!isFailed(conv, i)) return;
    Conversation& c = m_conversations[conv];
    Entry e = c[i];
    e.flags = static_cast<std::uint8_t>((e.flags & ~kEntryFailed) | kEntryPending);
    c.replace(i, e);
    track(clientId, conv, i);
}

void ChatModel::track(std::uint64_t clientId, std::size_t conv, std::size_t index) {
    if (clientId == 0) return;
    const Conversation& c = m_conversations[conv];
    m_pending[clientId] = PendingSend{conv, index, c.frontPushes(), c.epoch()};
}

bool ChatModel::pendingSlot(std::uint64_t clientId, std::size_t& conv, std::size_t& index) const {
    const auto it = m_pending.find(clientId);
    if (it == m_pending.end()) return false;
    const PendingSend& p = it->second;
    const Conversation& c = m_conversations[p.conv];
    if (c.epoch() != p.epoch) return false;
    conv = p.conv;
    index = p.index + static_cast<std::size_t>(c.frontPushes() - p.frontPushes);
    return index < c.size() && (c[index].flags & kEntryPending);
}

std::vector<std::pair<std::uint64_t, Entry>> ChatModel::pendingIn(std::size_t conv) const {
    std::vector<std::pair<std::uint64_t, Entry>> out;
    for (const auto& [clientId, p] : m_pending) {
        std::size_t c = 0;
        std::size_t index = 0;
        if (p.conv == conv && pendingSlot(clientId, c, index))
            out.emplace_back(clientId, m_conversations[c][index]);
    }
    // In the order they were typed (client ids grow).
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

bool ChatModel::confirm(std::uint64_t clientId, const Entry& confirmed) {
    std::size_t conv = 0;
    std::size_t index = 0;
    const bool found = pendingSlot(clientId, conv, index);
    m_pending.erase(clientId);
    if (!found) return false;
    m_conversations[conv].replace(index, confirmed);
    return true;
}

void ChatModel::setNoName() {
    m_link = LinkStatus{};
    m_link.state = LinkState::NoName;
}

void ChatModel::reset() {
    for (Conversation& c : m_conversations) c.clear();
    m_conversations.resize(1);
    m_conversations[kRoom].unread = 0;
    m_privateIndex.clear();
    m_pending.clear();
    m_users.clear();
    m_onlineKeys.clear();
    m_me.clear();
    m_myIp.clear();
    m_link = LinkStatus{};
    m_lastSeq = m_oldestSeq = m_latestSeq = m_lastPrivateSeq = m_oldestPrivateSeq = m_privateAskedBefore = 0;
    m_welcomed = m_moreOlder = m_olderInFlight = m_morePrivate = m_privateInFlight = false;
    m_texts.clear();
}

std::size_t ChatModel::openPrivate(std::string_view peer) {
    std::string key = net::nameKey(peer);
    if (auto it = m_privateIndex.find(key); it != m_privateIndex.end()) return it->second;
    intern(peer);
    m_conversations.emplace_back();
    m_conversations.back().title = std::string(peer);
    m_privateIndex.emplace(std::move(key), m_conversations.size() - 1);
    return m_conversations.size() - 1;
}

std::size_t ChatModel::findPrivate(std::string_view peer) const {
    const auto it = m_privateIndex.find(net::nameKey(peer));
    return it == m_privateIndex.end() ? kRoom : it->second;
}

bool ChatModel::canRequestOlder(std::size_t conv) const {
    if (m_link.state != LinkState::Online) return false;
    return conv == kRoom ? m_moreOlder && !m_olderInFlight : m_morePrivate && !m_privateInFlight;
}

bool ChatModel::olderInFlight(std::size_t conv) const {
    return conv == kRoom ? m_olderInFlight : m_privateInFlight;
}

void ChatModel::markOlderPrivateRequested() {
    m_privateInFlight = true;
    m_privateAskedBefore = m_oldestPrivateSeq;
}

std::uint64_t ChatModel::olderBefore() const { return m_oldestSeq != 0 ? m_oldestSeq : m_latestSeq + 1; }

void ChatModel::markOlderRequested() { m_olderInFlight = true; }

std::size_t ChatModel::approximateBytes() const {
    std::size_t n = m_texts.capacityBytes();
    for (const Conversation& c : m_conversations) n += c.size() * sizeof(Entry);
    return n;
}

std::optional<std::size_t> ChatModel::findBySeq(std::size_t conv, std::uint64_t seq) const {
    const Conversation& c = m_conversations[conv];
    for (std::size_t i = c.size(); i-- > 0;) // the newest first: replies mostly answer something recent
        if (c[i].seq == seq && isMessage(c[i])) return i;
    return std::nullopt;
}

bool ChatModel::isOnline(std::string_view name) const { return m_onlineKeys.count(net::nameKey(name)) > 0; }

void ChatModel::setUsers(std::vector<std::string> names) {
    sortNames(names);
    m_onlineKeys.clear();
    for (const std::string& n : names) {
        intern(n);
        m_onlineKeys.insert(net::nameKey(n));
    }
    m_users = std::move(names);
}

TextRef ChatModel::storeText(std::string_view s) {
    if (m_observer) m_observer(s);
    return m_texts.add(s);
}

std::uint32_t ChatModel::intern(std::string_view s) {
    const std::size_t before = m_pool.size();
    const std::uint32_t id = m_pool.intern(s);
    if (m_observer && m_pool.size() != before) m_observer(s);
    return id;
}

bool ChatModel::isMe(std::string_view name) const {
    return !m_me.empty() && net::nameKey(name) == net::nameKey(m_me);
}

} // namespace app

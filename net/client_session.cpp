#include "net/client_session.hpp"

#include <iterator>
#include <utility>

#include "net/validation.hpp"

namespace net {

namespace {

std::string describe(const Error& e) {
    std::string reason = errorName(e.code);
    if (!e.text.empty()) reason += ": " + e.text;
    return reason;
}

const std::string& senderOf(const Chat& c) { return c.name; }
const std::string& senderOf(const Private& p) { return p.from; }

/// Errors about who we are: retrying with the same Hello would fail the same way, so wait for the user.
bool needsUser(ErrorCode code) {
    switch (code) {
    case ErrorCode::NameTaken:
    case ErrorCode::InvalidName:
    case ErrorCode::BadVersion:
    case ErrorCode::Replaced:
    case ErrorCode::SignedOut:
    case ErrorCode::AuthRequired:
    case ErrorCode::BadCredentials:
    case ErrorCode::LoginThrottled:
    case ErrorCode::RegistrationRequired:
    case ErrorCode::AlreadyRegistered:
    case ErrorCode::WeakPassword:
    case ErrorCode::AccountsDisabled: return true;
    default: return false;
    }
}

} // namespace

Hello ClientSession::begin() {
    m_phase = Phase::AwaitWelcome;
    m_seqAtHello = m_lastSeq;
    m_privateSeqAtHello = m_lastPrivateSeq;
    m_pending = {};
    m_held.clear();
    return Hello{kProtocolVersion,
                 m_name,
                 m_lastSeq,
                 m_lastPrivateSeq,
                 m_token,
                 m_credentials.auth,
                 m_credentials.secret,
                 m_credentials.remember};
}

void ClientSession::end() {
    // The UI has not seen a half-collected join, so the resume point goes back to what it has seen;
    // the server replays the rest next time.
    if (m_phase != Phase::Joined && m_phase != Phase::Offline) {
        m_lastSeq = m_seqAtHello;
        m_lastPrivateSeq = m_privateSeqAtHello;
    }
    m_phase = Phase::Offline;
    m_pending = {};
    m_held.clear();
    m_reconcileBefore = 0;
    m_usersSoFar.clear();
    m_readOnly = false; // the next server says so again if it is
    m_outbox.markAllUnsent();
}

void ClientSession::setName(std::string name) {
    if (nameKey(name) != nameKey(m_name)) {
        m_lastPrivateSeq = 0; // private history, the resume token and credentials belong to the old name
        m_token = {};
        m_credentials = {};
    }
    m_name = std::move(name);
}

ClientSession::Outcome ClientSession::onMessage(Message message, Sink& sink) {
    return std::visit([&](auto& m) { return handle(m, sink); }, message);
}

void ClientSession::submit(Message message, Sink& sink) {
    std::uint64_t id = 0;
    ErrorCode check = ErrorCode::None;
    if (const auto* say = std::get_if<Say>(&message)) {
        id = say->clientId;
        check = validateText(say->text, m_maxTextBytes);
    } else if (const auto* whisper = std::get_if<Whisper>(&message)) {
        id = whisper->clientId;
        check = validateName(whisper->to) != ErrorCode::None ? ErrorCode::InvalidRecipient
                                                             : validateText(whisper->text, m_maxTextBytes);
    } else {
        return;
    }
    // Refused here with the same code the server would use, so the UI handles both alike.
    // The slot is freed before the UI hears of it, so the UI may send again as soon as it sees the Error.
    if (check != ErrorCode::None) {
        sink.released(id);
        sink.emit(Error{check, false, id, std::string("not sent: ") + errorName(check)});
        return;
    }
    m_outbox.push({id, std::move(message), false});
}

std::size_t ClientSession::sendQueued(Sink& sink, std::size_t max) {
    if (!joined() || reconciling() || m_readOnly) return 0;
    return m_outbox.sendUnsent(max, [&](const Outbox::Entry& e) { sink.send(e.message); });
}

ClientSession::Outcome ClientSession::handle(Welcome& m, Sink&) {
    if (m_phase != Phase::AwaitWelcome) return {};
    if (m.version != kProtocolVersion)
        return {Verdict::Stop, "the server speaks protocol version " + std::to_string(m.version),
                ErrorCode::BadVersion};
    m_signedIn = m.signedIn;
    // A new account is signed in with its password from now on (a device token replaces it if one comes).
    if (m_credentials.auth == Auth::Register) m_credentials.auth = Auth::Password;
    m_you = m.name;
    m_token = m.resumeToken;
    m_maxTextBytes = m.maxTextBytes;
    m_heartbeatMs = m.heartbeatMs;
    bool resumed = m_lastSeq > 0;
    if (m.latestSeq < m_lastSeq) {
        // Not the history we followed (the server lost or replaced its database): follow the new one,
        // otherwise every new message would look like a duplicate.
        m_lastSeq = m.latestSeq;
        m_lastPrivateSeq = 0;
        resumed = false;
    }
    m_pending = WelcomeEvent{};
    m_pending.you = m.name;
    m_pending.ip = m.ip;
    m_pending.maxTextBytes = m.maxTextBytes;
    m_pending.latestSeq = m.latestSeq;
    m_pending.resumed = resumed;
    m_pending.signedIn = m.signedIn;
    m_pending.accounts = m.accounts;
    m_phase = Phase::Replaying;
    return {};
}

ClientSession::Outcome ClientSession::handle(Chat& m, Sink& sink) {
    receive(m, m_lastSeq, m_pending.history, sink);
    return {};
}

ClientSession::Outcome ClientSession::handle(Private& m, Sink& sink) {
    receive(m, m_lastPrivateSeq, m_pending.privates, sink);
    return {};
}

template <typename M>
void ClientSession::receive(M& m, std::uint64_t& lastSeq, std::vector<M>& replay, Sink& sink) {
    if (!welcomed() || m.seq <= lastSeq) return; // a duplicate: the UI never sees a message twice
    lastSeq = m.seq;
    if (m_phase == Phase::Replaying) {
        replay.push_back(std::move(m));
        return;
    }
    ack(m.clientId, senderOf(m), sink);
    deliverLive(std::move(m), sink);
}

ClientSession::Outcome ClientSession::handle(Live& m, Sink&) {
    if (m_phase == Phase::Replaying) {
        m_pending.latestSeq = std::max(m_pending.latestSeq, m.latestSeq);
        m_phase = Phase::AwaitUsers;
    }
    return {};
}

ClientSession::Outcome ClientSession::handle(UsersPart& m, Sink&) {
    if (welcomed())
        m_usersSoFar.insert(m_usersSoFar.end(), std::make_move_iterator(m.names.begin()),
                            std::make_move_iterator(m.names.end()));
    return {};
}

ClientSession::Outcome ClientSession::handle(Presence& m, Sink& sink) {
    if (!welcomed()) return {};
    // The batch names only the first few: with more, the list online is asked for whole.
    const bool partial = m.joinedCount > m.joined.size() || m.leftCount > m.left.size();
    deliverLive(std::move(m), sink);
    if (partial && joined()) sink.send(UsersRequest{});
    return {};
}

ClientSession::Outcome ClientSession::handle(Users& m, Sink& sink) {
    // A list too long for one frame came in parts: the Users is its last.
    if (!m_usersSoFar.empty()) {
        m_usersSoFar.insert(m_usersSoFar.end(), std::make_move_iterator(m.names.begin()),
                            std::make_move_iterator(m.names.end()));
        m.names = std::exchange(m_usersSoFar, {});
    }
    if (m_phase == Phase::AwaitUsers) {
        m_pending.users = std::move(m.names);
        finishJoin(sink);
    } else if (joined()) {
        sink.emit(std::move(m));
    }
    return {};
}

ClientSession::Outcome ClientSession::handle(Joined& m, Sink& sink) {
    if (welcomed()) deliverLive(std::move(m), sink);
    return {};
}

ClientSession::Outcome ClientSession::handle(Left& m, Sink& sink) {
    if (welcomed()) deliverLive(std::move(m), sink);
    return {};
}

ClientSession::Outcome ClientSession::handle(HistoryPage& m, Sink& sink) {
    if (!joined()) return {};
    if (m_reconcileBefore == 0 || m.beforeSeq != m_reconcileBefore) {
        sink.emit(std::move(m));
        return {};
    }
    for (const auto& c : m.messages) ack(c.clientId, senderOf(c), sink);
    // Newest first: the page's last message is its oldest.
    const std::uint64_t oldest = m.messages.empty() ? 0 : m.messages.back().seq;
    if (!m.more || oldest <= m_seqAtHello + 1 || !m_outbox.hasEverSent()) m_reconcileBefore = 0;
    else reconcile(oldest, sink);
    return {};
}

ClientSession::Outcome ClientSession::handle(PrivateHistoryPage& m, Sink& sink) {
    if (joined()) sink.emit(std::move(m));
    return {};
}

void ClientSession::reconcile(std::uint64_t beforeSeq, Sink& sink) {
    m_reconcileBefore = beforeSeq;
    sink.send(HistoryRequest{beforeSeq, kMaxHistoryPage});
}

ClientSession::Outcome ClientSession::handle(RoomState& m, Sink& sink) {
    m_readOnly = m.readOnly;
    // Not held until Users like the live messages: it decides whether the outbox goes out after the join.
    sink.emit(std::move(m));
    return {};
}

ClientSession::Outcome ClientSession::handle(Ping& m, Sink& sink) {
    sink.send(Pong{m.nonce});
    return {};
}

ClientSession::Outcome ClientSession::handle(Bye& m, Sink&) {
    return {Verdict::Retry, "the server said goodbye" + (m.reason.empty() ? "" : ": " + m.reason)};
}

ClientSession::Outcome ClientSession::handle(Error& m, Sink& sink) {
    // While joined, an account error answers a Register or ChangePassword: the UI shows it, the link stays.
    if (needsUser(m.code) && !(joined() && !m.fatal)) {
        Outcome stop{Verdict::Stop, describe(m), m.code};
        sink.emit(std::move(m)); // the UI says why, in the user's language, and asks (a password, a name)
        return stop;
    }
    if (m.clientId != 0 && m.clientId == m_accountRequest) { // the Register or ChangePassword was refused
        m_accountRequest = 0;
        m_accountPassword.clear();
    }
    if (m.fatal || isFatal(m.code)) return {Verdict::Retry, describe(m), m.code};
    if (m.code == ErrorCode::StoreUnavailable) {
        // Not stored: the message stays in the outbox and goes out again when the room takes messages (the
        // same clientId, so a copy the store did take before it failed is kept once).
        m_readOnly = true;
        m_outbox.markUnsent(m.clientId);
        sink.emit(RoomState{true, m.text});
        return {};
    }
    // A refused message leaves the outbox: re-sending it would be refused again.
    if (m_outbox.remove(m.clientId)) sink.released(m.clientId);
    sink.emit(std::move(m));
    return {};
}

ClientSession::Outcome ClientSession::handle(DeviceToken& m, Sink& sink) {
    // The token replaces the password for every later Hello of this session; the UI keeps it for the next.
    m_credentials = {Auth::DeviceToken, m.token, false};
    sink.emit(DeviceTokenEvent{std::move(m.token)});
    return {};
}

ClientSession::Outcome ClientSession::handle(AccountUpdate& m, Sink& sink) {
    if (m.clientId != 0 && m.clientId == m_accountRequest) {
        m_signedIn = true;
        // Reconnects sign in with the new password, unless a device token (sent right after) replaces it.
        m_credentials = {Auth::Password, std::move(m_accountPassword), false};
        m_accountRequest = 0;
    }
    sink.emit(std::move(m));
    return {};
}

bool ClientSession::registerName(std::uint64_t clientId, std::string password, bool remember, Sink& sink) {
    if (!joined()) return false;
    m_accountRequest = clientId;
    m_accountPassword = password;
    sink.send(Register{clientId, std::move(password), remember});
    return true;
}

bool ClientSession::changePassword(std::uint64_t clientId, std::string oldPassword, std::string newPassword,
                                   bool remember, Sink& sink) {
    if (!joined()) return false;
    m_accountRequest = clientId;
    m_accountPassword = newPassword;
    sink.send(ChangePassword{clientId, std::move(oldPassword), std::move(newPassword), remember});
    return true;
}

void ClientSession::finishJoin(Sink& sink) {
    m_phase = Phase::Joined;
    // Our own messages found in the replay were stored before the connection broke: they are delivered.
    for (const auto& c : m_pending.history) ack(c.clientId, senderOf(c), sink);
    for (const auto& p : m_pending.privates) ack(p.clientId, senderOf(p), sink);
    const std::uint64_t firstReplayed =
        m_pending.history.empty() ? m_pending.latestSeq + 1 : m_pending.history.front().seq;
    m_reconcileBefore = 0;
    if (m_pending.resumed && firstReplayed > m_seqAtHello + 1 && m_outbox.hasEverSent())
        reconcile(firstReplayed, sink);
    sink.emit(std::move(m_pending));
    m_pending = {};
    for (auto& e : m_held) sink.emit(std::move(e));
    m_held.clear();
    // What is still unacknowledged goes out again (sendQueued), in the order it was typed.
}

void ClientSession::deliverLive(Event event, Sink& sink) {
    if (joined()) sink.emit(std::move(event));
    else m_held.push_back(std::move(event));
}

void ClientSession::ack(std::uint64_t clientId, const std::string& from, Sink& sink) {
    if (clientId != 0 && nameKey(from) == nameKey(m_you) && m_outbox.remove(clientId))
        sink.released(clientId);
}

} // namespace net

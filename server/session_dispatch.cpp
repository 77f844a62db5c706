// Session: what each decoded client message does, before and after the Hello, and the flood control.
#include "net/name_rules.hpp"
#include "net/validation.hpp"
#include "server/accounts.hpp"
#include "server/frame.hpp"
#include "server/lab_format.hpp"
#include "server/registry.hpp"
#include "server/room.hpp"
#include "server/secrets.hpp"
#include "server/session.hpp"

namespace server {

namespace {
constexpr unsigned kMaxRefusals = 50; // rate-limit refusals tolerated per window before Flooding
constexpr std::chrono::seconds kRefusalWindow{10};

// What each request costs in FakeLag time: sustained, a connection may ping 20 times a second, ask for the
// user list 5 times, try a Hello 5 times, and read about 750 KiB of history pages a second; twice that much
// comes at once (FakeLag::kAllowance). Says and Whispers have their token bucket (--rate, --burst) instead,
// and cost nothing here: a room run with a high --rate (a benchmark, a bridge) is not held to another one.
using std::chrono::milliseconds;
constexpr milliseconds kPingCost{50};
constexpr milliseconds kUsersCost{200};
constexpr milliseconds kHelloCost{200};
constexpr milliseconds kAccountCost{1000}; // Register, ChangePassword: a password hash each
constexpr milliseconds kHistoryPageCost{20};
constexpr double kHistoryMsPerKiB = 1.0;

std::chrono::steady_clock::duration historyCost(std::size_t bytes) {
    return kHistoryPageCost + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double, std::milli>(
                                      kHistoryMsPerKiB * static_cast<double>(bytes) / 1024));
}
} // namespace

void Session::handle(net::Message& m, Clock::time_point now) {
    if (membership.joined) return handleJoined(m, now);
    if (auto* hello = std::get_if<net::Hello>(&m)) {
        m_lag.charge(now, kHelloCost);
        return onHello(*hello);
    }
    if (auto* ping = std::get_if<net::Ping>(&m)) {
        m_lag.charge(now, kPingCost);
        return deliver(makeFrame(net::Pong{ping->nonce}));
    }
    if (std::holds_alternative<net::Pong>(m)) return;
    if (std::holds_alternative<net::Bye>(m)) return beginClosing(net::LeaveReason::Bye, "bye");
    fail(net::ErrorCode::HelloRequired, net::LeaveReason::Kicked);
}

void Session::handleJoined(net::Message& m, Clock::time_point now) {
    switch (net::typeOf(m)) {
    case net::MsgType::Hello:
        m_lag.charge(now, kHelloCost);
        return deliver(errorFrame(net::ErrorCode::AlreadyJoined));
    case net::MsgType::Say: {
        auto& say = std::get<net::Say>(m);
        if (admit(say.clientId, now)) m_room.say(shared_from_this(), std::move(say));
        return;
    }
    case net::MsgType::Whisper: {
        auto& w = std::get<net::Whisper>(m);
        if (admit(w.clientId, now)) m_room.whisper(shared_from_this(), std::move(w));
        return;
    }
    case net::MsgType::HistoryRequest:
        return m_lag.charge(now, historyCost(m_room.history(*this, std::get<net::HistoryRequest>(m))));
    case net::MsgType::PrivateHistoryRequest:
        // Version 1 has no such message (and would not understand the answer).
        if (membership.version != net::kProtocolVersion) {
            m_lag.charge(now, kPingCost);
            return deliver(errorFrame(net::ErrorCode::UnknownType));
        }
        return m_lag.charge(
            now, historyCost(m_room.privateHistory(*this, std::get<net::PrivateHistoryRequest>(m))));
    case net::MsgType::UsersRequest: m_lag.charge(now, kUsersCost); return m_room.users(*this);
    case net::MsgType::Ping:
        m_lag.charge(now, kPingCost);
        return deliver(makeFrame(net::Pong{std::get<net::Ping>(m).nonce}));
    case net::MsgType::Pong: return;
    case net::MsgType::Bye: return beginClosing(net::LeaveReason::Bye, "bye");
    case net::MsgType::Register:
        m_lag.charge(now, kAccountCost);
        return onRegister(std::get<net::Register>(m));
    case net::MsgType::ChangePassword:
        m_lag.charge(now, kAccountCost);
        return onChangePassword(std::get<net::ChangePassword>(m));
    default:
        // A server-to-client type sent by a client: well-formed but meaningless here.
        m_lag.charge(now, kPingCost);
        return deliver(errorFrame(net::ErrorCode::UnknownType));
    }
}

void Session::onHello(net::Hello& hello) {
    // A second Hello while the first is being checked: as after a join.
    if (m_checking) return deliver(errorFrame(net::ErrorCode::AlreadyJoined));
    const bool legacy = hello.version == net::kLegacyProtocolVersion;
    // Version 1 has no TLS and no accounts: served only in plaintext, and only where the operator allows it.
    if ((hello.version != net::kProtocolVersion && !legacy) ||
        (legacy && (m_tls || !m_options.allowPlaintext)))
        return fail(net::ErrorCode::BadVersion, net::LeaveReason::Kicked);
    // The NFC form is the one registered, stored and shown.
    auto name = net::normalizeName(hello.name);
    if (!name) return deliver(errorFrame(net::ErrorCode::InvalidName));
    hello.name = std::move(*name);
    const std::string key = net::nameKey(hello.name);
    // The mark of the lab's clients (LabSession) is theirs: nobody else may look like one.
    if (lab::marked(key))
        return deliver(
            errorFrame(net::ErrorCode::InvalidName, 0, "invalid-name: the (lab) mark is the lab clients'"));
    // Registering a name someone is using as a guest would take it from them: it is taken.
    if (hello.auth == net::Auth::Register && m_room.holds(key))
        return deliver(errorFrame(net::ErrorCode::NameTaken));
    m_checking = true;
    const bool registering = hello.auth == net::Auth::Register;
    if (!registering || !m_room.claimsNames()) return checkAccount(hello, key, JoinStep::Admitted);
    // In a cluster the name may be a guest's on another node: it is claimed first, as a join claims it.
    m_room.holdForRegistration(key);
    const net::Hello join = withoutSecret(hello);
    m_room.claimName(shared_from_this(), join,
                     [weak = weak_from_this(), room = &m_room, held = HeldHello(std::move(hello)), join,
                      key](net::ErrorCode refused) {
                         const auto self = weak.lock();
                         if (!self || refused != net::ErrorCode::None) room->releaseRegistration(key);
                         if (!self) return room->dropClaim(key);
                         if (refused != net::ErrorCode::None)
                             return self->onAdmitted(join, {refused}, JoinStep::Claimed);
                         self->checkAccount(*held, key, JoinStep::Claimed);
                     });
}

void Session::checkAccount(net::Hello& hello, const std::string& key, JoinStep step) {
    net::Hello join = withoutSecret(hello); // what the Room needs (admit() consumes the secret)
    const bool registering = hello.auth == net::Auth::Register;
    if (registering) m_room.holdForRegistration(key);
    // Every path of admit() answers, on this thread: the hold ends there, just before the join it kept open.
    m_registry.accounts().admit(m_ip, hello, key,
                                [weak = weak_from_this(), join = std::move(join), room = &m_room, registering,
                                 key, step](Accounts::Outcome o) {
                                    if (registering) room->releaseRegistration(key);
                                    if (auto self = weak.lock()) self->onAdmitted(join, std::move(o), step);
                                    else if (step != JoinStep::Admitted) room->dropClaim(key);
                                });
}

void Session::onAdmitted(const net::Hello& hello, Accounts::Outcome outcome, JoinStep step) {
    m_checking = false;
    const std::string key = net::nameKey(hello.name);
    if (m_state != State::Open) {
        if (step != JoinStep::Admitted) m_room.dropClaim(key); // claimed for a session that is gone
        return;
    }
    const bool admitted = outcome.error == net::ErrorCode::None;
    if (admitted && step == JoinStep::Admitted && m_room.claimsNames()) {
        m_checking = true;
        return m_room.claimName(
            shared_from_this(), hello,
            [weak = weak_from_this(), room = &m_room, hello, key, outcome](net::ErrorCode refused) mutable {
                const auto self = weak.lock();
                if (!self) return room->dropClaim(key);
                if (refused != net::ErrorCode::None) outcome.error = refused;
                self->onAdmitted(hello, std::move(outcome), JoinStep::Claimed);
            });
    }
    if (admitted && step != JoinStep::Mirrored && m_room.mirrorBehind(hello.lastSeq)) {
        m_checking = true;
        return m_room.whenMirrored(hello.lastSeq,
                                   [weak = weak_from_this(), room = &m_room, hello, key, outcome]() mutable {
                                       const auto self = weak.lock();
                                       if (!self) return room->dropClaim(key);
                                       self->onAdmitted(hello, std::move(outcome), JoinStep::Mirrored);
                                   });
    }
    const net::ErrorCode code =
        admitted ? m_room.hello(shared_from_this(), hello, outcome.signedIn) : outcome.error;
    if (code != net::ErrorCode::None && step != JoinStep::Admitted) m_room.dropClaim(key);
    if (code == net::ErrorCode::None) {
        if (!outcome.deviceToken.empty())
            deliver(makeFrame(net::DeviceToken{std::move(outcome.deviceToken)}));
    } else if (net::isFatal(code)) {
        return fail(code, net::LeaveReason::Kicked);
    } else {
        deliver(errorFrame(code));
    }
    continueReading(); // what arrived meanwhile waits in the decoder
}

void Session::onRegister(net::Register& r) {
    // Version 1 has no accounts (and runs in plaintext): it would not understand the answer.
    if (membership.version != net::kProtocolVersion)
        return deliver(errorFrame(net::ErrorCode::UnknownType, r.clientId));
    if (membership.signedIn) return deliver(errorFrame(net::ErrorCode::AlreadyRegistered, r.clientId));
    m_checking = true;
    m_registry.accounts().registerName(
        m_ip, membership.key, membership.name, std::move(r.password), r.remember,
        [weak = weak_from_this(), id = r.clientId](Accounts::Outcome o) {
            if (auto self = weak.lock())
                self->onAccountChanged(id, net::AccountChange::Registered, std::move(o));
        });
}

void Session::onChangePassword(net::ChangePassword& c) {
    if (!membership.signedIn) return deliver(errorFrame(net::ErrorCode::AuthRequired, c.clientId));
    m_checking = true;
    m_registry.accounts().changePassword(
        m_ip, membership.key, std::move(c.oldPassword), std::move(c.newPassword), c.remember,
        [weak = weak_from_this(), id = c.clientId](Accounts::Outcome o) {
            if (auto self = weak.lock())
                self->onAccountChanged(id, net::AccountChange::PasswordChanged, std::move(o));
        });
}

void Session::onAccountChanged(std::uint64_t clientId, net::AccountChange change, Accounts::Outcome outcome) {
    m_checking = false;
    if (m_state != State::Open || !membership.joined) return;
    if (outcome.error != net::ErrorCode::None) {
        deliver(errorFrame(outcome.error, clientId));
    } else {
        m_room.signedIn(*this);
        deliver(makeFrame(net::AccountUpdate{clientId, change}));
        if (!outcome.deviceToken.empty())
            deliver(makeFrame(net::DeviceToken{std::move(outcome.deviceToken)}));
    }
    continueReading();
}

bool Session::admit(std::uint64_t clientId, Clock::time_point now) {
    if (m_budget.take(now)) return true;
    // A server that fell behind reads what a client sent at its own pace in bunches: over budget is refused
    // as always, but not counted toward Flooding, or an overloaded server would cut off its polite clients.
    if (m_registry.fellBehindLately(now)) {
        deliver(errorFrame(net::ErrorCode::RateLimited, clientId));
        return false;
    }
    if (now - m_refusalWindow > kRefusalWindow) {
        m_refusalWindow = now;
        m_refusals = 0;
    }
    if (++m_refusals > kMaxRefusals) {
        // Nothing more is read; the verdict goes out after the pending burst is stored and delivered, so the
        // flooder still gets the echoes of what was accepted (it would send those again otherwise).
        m_flooded = true;
        m_room.whenRoomForMore([weak = weak_from_this()] {
            if (auto self = weak.lock()) self->fail(net::ErrorCode::Flooding, net::LeaveReason::Kicked);
        });
        return false;
    }
    deliver(errorFrame(net::ErrorCode::RateLimited, clientId));
    return false;
}

} // namespace server

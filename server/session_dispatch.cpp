// Session: what each decoded client message does, before and after the Hello, and the flood control.
#include "server/frame.hpp"
#include "server/registry.hpp"
#include "server/room.hpp"
#include "server/session.hpp"

namespace server {

namespace {
constexpr unsigned kMaxRefusals = 50; // rate-limit refusals tolerated per window before Flooding
constexpr std::chrono::seconds kRefusalWindow{10};
} // namespace

void Session::handle(net::Message& m, Clock::time_point now) {
    if (membership.joined) return handleJoined(m, now);
    if (auto* hello = std::get_if<net::Hello>(&m)) {
        const auto code = m_room.hello(shared_from_this(), *hello);
        if (code == net::ErrorCode::None) return;
        if (net::isFatal(code)) return fail(code, net::LeaveReason::Kicked);
        return deliver(errorFrame(code));
    }
    if (auto* ping = std::get_if<net::Ping>(&m)) return deliver(makeFrame(net::Pong{ping->nonce}));
    if (std::holds_alternative<net::Pong>(m)) return;
    if (std::holds_alternative<net::Bye>(m)) return beginClosing(net::LeaveReason::Bye, "bye");
    fail(net::ErrorCode::HelloRequired, net::LeaveReason::Kicked);
}

void Session::handleJoined(net::Message& m, Clock::time_point now) {
    switch (net::typeOf(m)) {
    case net::MsgType::Hello: return deliver(errorFrame(net::ErrorCode::AlreadyJoined));
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
    case net::MsgType::HistoryRequest: return m_room.history(*this, std::get<net::HistoryRequest>(m));
    case net::MsgType::UsersRequest: return m_room.users(*this);
    case net::MsgType::Ping: return deliver(makeFrame(net::Pong{std::get<net::Ping>(m).nonce}));
    case net::MsgType::Pong: return;
    case net::MsgType::Bye: return beginClosing(net::LeaveReason::Bye, "bye");
    default:
        // A server-to-client type sent by a client: well-formed but meaningless here.
        return deliver(errorFrame(net::ErrorCode::UnknownType));
    }
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
        fail(net::ErrorCode::Flooding, net::LeaveReason::Kicked);
        return false;
    }
    deliver(errorFrame(net::ErrorCode::RateLimited, clientId));
    return false;
}

} // namespace server

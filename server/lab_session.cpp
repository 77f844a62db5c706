#include "server/lab_session.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <asio/post.hpp>

#include "net/codec.hpp"
#include "net/name_rules.hpp"
#include "net/validation.hpp"
#include "server/accounts.hpp"
#include "server/frame.hpp"
#include "server/log_text.hpp"
#include "server/registry.hpp"
#include "server/room.hpp"
#include "server/status.hpp"
#include "server/unsent_bytes.hpp"

namespace server {

namespace {
using std::chrono::milliseconds;
// A message ends where the bytes stop: what came in one send() may arrive in several reads (a 2 KB message is
// two TCP segments on Ethernet), and the next read comes within a round trip.
constexpr milliseconds kSettle{200};
// The lab's client reads the history with one recv() and only then starts its reader: the welcome notice
// must not arrive before that read, or it would be taken for part of the history.
constexpr milliseconds kAfterHistory{200};
// While the client has not acknowledged the last write, the next one waits: two writes in its socket at once
// could be read as one 2048-byte read that ends inside a character (its reader thread dies on decode()).
constexpr milliseconds kAckPoll{5};
// An acknowledgement says the bytes reached the client's socket, not that its reader took them (on loopback
// it comes at once): the next write also waits this long, the time a reader blocked in recv() needs to wake.
constexpr milliseconds kBetweenWrites{50};
constexpr milliseconds kCloseGrace{1000};
constexpr milliseconds kNameCost{200};   // FakeLag: a name change is a Hello
constexpr milliseconds kRefusedCost{50}; // FakeLag: bytes refused with a line
constexpr unsigned kMaxRefusals = 50;    // rate-limit refusals tolerated per window, as a Session's
constexpr std::chrono::seconds kRefusalWindow{10};
constexpr std::size_t kHistoryRows = 64; // more never fit the lab's 2048-byte read
} // namespace

LabSession::LabSession(Socket socket, std::string ip, Room& room, Registry& registry, const Options& options,
                       Status& status)
    : m_socket(std::move(socket)), m_ip(std::move(ip)), m_room(room), m_registry(registry),
      m_options(options), m_status(status), m_budget(options.rate, options.burst, Clock::now()),
      m_settleTimer(m_socket.get_executor()), m_lagTimer(m_socket.get_executor()),
      m_writeTimer(m_socket.get_executor()) {
    m_refusalWindow = m_lastWriteProgress = Clock::now();
}

void LabSession::start() {
    m_status.log("connect lab client " + m_ip);
    std::vector<std::string> lines;
    for (const net::Chat& c : m_room.newest(kHistoryRows, kHistoryRows * lab::kReadBytes))
        lines.push_back(lab::line(c));
    sendLine(lab::history(lines), true, kAfterHistory);
    // It counts itself, as the lab's server did; it is in the room's list once its first message names it.
    sendLine(lab::youJoined(m_room.roomSize() + 1));
    m_room.watch(*this);
    doRead();
}

void LabSession::refuse(net::ErrorCode code, const std::string& why) {
    m_counted = false;
    m_status.log("refuse lab client " + m_ip + ": " + why);
    fail(code, net::LeaveReason::Kicked);
}

// ---- reading ----

void LabSession::doRead() {
    if (m_reading || m_state == State::Closed || (m_state == State::Open && stopped())) return;
    m_reading = true;
    m_socket.async_wait(Socket::wait_read, [self = shared_from_this()](const std::error_code& ec) {
        self->m_reading = false;
        if (ec) {
            if (ec != asio::error::operation_aborted)
                self->closeNow(net::LeaveReason::ConnectionLost, ec.message());
            return;
        }
        self->onReadable();
    });
}

void LabSession::onReadable() {
    if (m_state == State::Closed) return;
    // Before it is in the room its reads are a newcomer's, paced like a Hello (AdmissionPacer).
    const bool newcomer = m_state == State::Open && !membership.joined;
    const auto start = Clock::now();
    if (newcomer && !std::exchange(m_paced, false) && !m_registry.pacer().admit(start)) {
        m_paced = true;
        return m_registry.pacer().wait([weak = weak_from_this()] {
            if (auto self = weak.lock()) self->onReadable(); // m_paced is still set: this read has its turn
        });
    }
    m_paced = false;
    auto& buf = m_registry.readBuffer();
    std::error_code ec;
    const std::size_t n = m_socket.read_some(asio::buffer(buf), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return doRead();
    if (ec)
        return closeNow(net::LeaveReason::ConnectionLost,
                        ec == asio::error::eof ? "closed by peer" : ec.message());
    if (m_state == State::Open) {
        const auto now = Clock::now();
        m_registry.tick(now);
        if (!m_parser.holding()) m_messageStarted = now;
        m_parser.feed(std::string_view(buf.data(), n));
        handleMessages(false);
        if (newcomer) m_registry.pacer().spent(Clock::now() - start);
    }
    doRead();
}

void LabSession::handleMessages(bool settled) {
    lab::Said said;
    while (m_state == State::Open && !stopped()) {
        const auto now = Clock::now();
        if (membership.joined && !m_room.hasRoomForMore()) {
            m_waitingForRoom = true;
            m_room.whenRoomForMore([weak = weak_from_this()] {
                if (auto self = weak.lock()) {
                    self->m_waitingForRoom = false;
                    self->resume();
                }
            });
            break;
        }
        if (const auto wait = m_lag.wait(now); wait > Clock::duration::zero()) {
            m_lagged = true;
            m_lagTimer.expires_after(wait);
            m_lagTimer.async_wait([weak = weak_from_this()](const std::error_code& ec) {
                if (auto self = weak.lock(); self && !ec) {
                    self->m_lagged = false;
                    self->resume();
                }
            });
            break;
        }
        const auto status = m_parser.next(said, settled);
        if (status == lab::Parser::Status::NeedMore) break;
        if (status == lab::Parser::Status::Complete) {
            onSaid(said, now);
            continue;
        }
        sendLine(lab::refusalLine(m_parser.refusal()));
        m_lag.charge(now, kRefusedCost);
    }
    if (!m_parser.holding()) m_messageStarted = {};
    armSettle();
}

void LabSession::armSettle() {
    if (m_state != State::Open || !m_parser.holding() || stopped()) return;
    m_settleTimer.expires_after(kSettle);
    m_settleTimer.async_wait([weak = weak_from_this()](const std::error_code& ec) {
        if (auto self = weak.lock(); self && !ec) self->handleMessages(true);
    });
}

void LabSession::resume() {
    if (m_state != State::Open || stopped()) return;
    handleMessages(false);
    doRead();
}

void LabSession::onSaid(lab::Said& said, Clock::time_point now) {
    if (!membership.joined || said.name != m_joinedAs) {
        m_lag.charge(now, kNameCost);
        if (!joinAs(said.name)) return; // nothing of it is stored
    }
    if (!admit(now)) return;
    m_room.say(shared_from_this(), net::Say{0, std::move(said.text)});
}

bool LabSession::joinAs(const std::string& typed) {
    const auto refuse = [this](std::string line) {
        sendLine(std::move(line));
        return false;
    };
    if (m_options.accounts == net::AccountPolicy::Required) return refuse(lab::registrationRequiredLine());
    // The mark goes after the name as typed: both must be valid names (the mark must fit the length limits).
    const auto name = net::normalizeName(typed);
    const auto marked = name ? net::normalizeName(*name + std::string(net::kLabNameMark)) : std::nullopt;
    if (!marked) return refuse(lab::refusalLine(net::ErrorCode::InvalidName));
    const std::string key = net::nameKey(*name), markedKey = net::nameKey(*marked);
    // A registered name, or a look-alike of one, is its owner's: a lab client proves nothing.
    if (m_registry.accounts().registered(key) || m_registry.accounts().registered(markedKey))
        return refuse(lab::nameRegisteredLine());
    // Someone online as that name (or as its look-alike) would be confused with this user.
    const bool mine = membership.joined && membership.key == markedKey;
    if (m_room.holds(key) || (m_room.holds(markedKey) && !mine)) return refuse(lab::nameOnlineLine());
    if (mine) { // the same name typed another way: nothing changes but how it reads
        m_joinedAs = typed;
        return true;
    }
    if (membership.joined) m_room.leave(*this, net::LeaveReason::Bye);
    m_room.unwatch(*this);
    net::Hello hello;
    hello.version = net::kLegacyProtocolVersion; // Joined and Left come one by one, never as a Presence
    hello.name = *marked;
    hello.lastSeq = m_room.latestSeq(); // it has the history already
    const net::ErrorCode code = m_room.hello(shared_from_this(), hello, false);
    if (code != net::ErrorCode::None) {
        m_room.watch(*this);
        m_joinedAs.clear();
        return refuse(lab::refusalLine(code));
    }
    m_joinedAs = typed;
    return true;
}

bool LabSession::admit(Clock::time_point now) {
    if (m_budget.take(now)) return true;
    if (now - m_refusalWindow > kRefusalWindow) {
        m_refusalWindow = now;
        m_refusals = 0;
    }
    if (++m_refusals > kMaxRefusals) {
        fail(net::ErrorCode::Flooding, net::LeaveReason::Kicked);
        return false;
    }
    sendLine(lab::refusalLine(net::ErrorCode::RateLimited));
    return false;
}

// ---- what the room delivers, in the lab's words ----

void LabSession::deliver(const Frame& frame) {
    if (m_state != State::Open || frame->size() < 4) return;
    net::Message m;
    if (net::decodePayload(std::string_view(*frame).substr(4), m) != net::ErrorCode::None) return;
    if (const auto* chat = std::get_if<net::Chat>(&m)) return sendChat("\n" + lab::line(*chat));
    if (const auto* joined = std::get_if<net::Joined>(&m))
        return sendLine(lab::someoneJoined(joined->online));
    if (const auto* left = std::get_if<net::Left>(&m)) return sendLine(lab::someoneLeft(left->online));
    if (const auto* error = std::get_if<net::Error>(&m)) {
        if (error->fatal) return fail(error->code, net::LeaveReason::Kicked);
        return sendLine(lab::refusalLine(error->code));
    }
    // Welcome, Live, Users and the like: the lab's protocol has no words for them; Private never comes.
}

void LabSession::sendChat(const std::string& text) {
    if (text.size() <= lab::kReadBytes && !m_out.empty()) {
        Piece& last = m_out.back();
        if (!last.sealed && last.sent == 0 && last.pauseAfter.count() == 0 &&
            last.bytes.size() + text.size() <= lab::kReadBytes) {
            last.bytes += text;
            m_outBytes += text.size();
            return doWrite();
        }
    }
    for (std::string& piece : lab::pieces(text)) queue({std::move(piece)});
}

void LabSession::sendLine(std::string text, bool sealed, std::chrono::milliseconds pauseAfter) {
    const auto cut = lab::pieces(text);
    for (std::size_t i = 0; i < cut.size(); ++i)
        queue({cut[i], 0, sealed, i + 1 == cut.size() ? pauseAfter : milliseconds(0)});
}

void LabSession::queue(Piece piece) {
    if (m_state == State::Closed) return;
    const std::size_t cost = piece.bytes.size() + kFrameOverhead;
    // As a Session's queue: a client that does not read is cut off, not followed into unbounded memory.
    if (!m_out.empty() && m_outBytes + cost > m_options.maxQueueBytes) {
        if (m_state == State::Open) fail(net::ErrorCode::SlowReader, net::LeaveReason::Kicked);
        return;
    }
    if (m_out.empty()) m_lastWriteProgress = Clock::now();
    m_outBytes += cost;
    m_out.push_back(std::move(piece));
    doWrite();
}

void LabSession::doWrite() {
    while (!m_writing && !m_out.empty() && m_state != State::Closed) {
        Piece& head = m_out.front();
        if (head.sent == 0) {
            if (const auto since = Clock::now() - m_lastWriteDone; since < m_nextWriteGap)
                return waitThen(std::chrono::ceil<milliseconds>(m_nextWriteGap - since));
            // Best effort: Linux tells what the peer has not acknowledged (elsewhere nothing is known and the
            // writes go out back to back). An acknowledged write may still wait in the client's socket
            // unread, so a busy reader can yet get two in one read; waiting for the acknowledgement makes
            // that rare.
            const auto unsent = unsentBytes(m_socket);
            if (unsent && *unsent > 0) return waitThen(kAckPoll);
            m_lastWriteProgress = Clock::now();
        }
        std::error_code ec;
        const std::size_t n = m_socket.write_some(
            asio::buffer(head.bytes.data() + head.sent, head.bytes.size() - head.sent), ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again) {
            m_writing = true;
            m_socket.async_wait(Socket::wait_write, [self = shared_from_this()](const std::error_code& wec) {
                self->m_writing = false;
                if (!wec) self->doWrite();
            });
            return;
        }
        if (ec) return closeNow(net::LeaveReason::ConnectionLost, ec.message());
        head.sent += n;
        m_lastWriteProgress = Clock::now();
        if (head.sent < head.bytes.size()) continue;
        m_lastWriteDone = Clock::now();
        m_nextWriteGap = std::max(head.pauseAfter, kBetweenWrites);
        m_outBytes -= head.bytes.size() + kFrameOverhead;
        m_out.pop_front();
    }
    if (m_out.empty() && m_state == State::Closing) closeNow(m_leaveReason, m_closeWhy);
}

void LabSession::waitThen(std::chrono::milliseconds wait) {
    m_writing = true;
    m_writeTimer.expires_after(wait);
    m_writeTimer.async_wait([weak = weak_from_this()](const std::error_code& ec) {
        auto self = weak.lock();
        if (!self || ec) return;
        self->m_writing = false;
        self->doWrite();
    });
}

// ---- closing and deadlines ----

void LabSession::evict(net::ErrorCode code) {
    fail(code, code == net::ErrorCode::Timeout ? net::LeaveReason::Timeout : net::LeaveReason::Kicked);
}

void LabSession::fail(net::ErrorCode code, net::LeaveReason reason) {
    if (m_state != State::Open) return;
    // A slow reader reads nothing more: what it has not taken is dropped with it.
    if (code == net::ErrorCode::SlowReader) {
        while (m_out.size() > 1 || (!m_out.empty() && m_out.front().sent == 0)) m_out.pop_back();
    } else {
        sendLine(lab::refusalLine(code));
    }
    m_state = State::Closing;
    m_closingSince = Clock::now();
    m_closeWhy = net::errorName(code);
    m_leaveReason = reason;
    m_settleTimer.cancel();
    m_lagTimer.cancel();
    // Deferred: fail() may run inside a Room broadcast, which must not be re-entered.
    asio::post(m_socket.get_executor(), [self = shared_from_this(), reason] {
        self->m_room.unwatch(*self);
        self->m_room.leave(*self, reason);
    });
    doWrite();
}

void LabSession::closeNow(net::LeaveReason reason, const std::string& why) {
    if (m_state == State::Closed) return;
    if (m_state == State::Open) {
        m_closeWhy = why;
        m_leaveReason = reason;
    }
    m_state = State::Closed;
    std::error_code ignored;
    m_socket.close(ignored);
    m_settleTimer.cancel();
    m_lagTimer.cancel();
    m_writeTimer.cancel();
    m_room.unwatch(*this);
    m_room.leave(*this, m_leaveReason);
    if (m_counted)
        m_status.log("disconnect lab client " + m_ip +
                     (membership.name.empty() ? "" : " (" + quoted(membership.name) + ")") + ": " +
                     m_closeWhy);
    m_out.clear();
    m_registry.remove(*this);
}

void LabSession::checkTimers(Clock::time_point now) {
    if (m_state == State::Closing) {
        if (now - m_closingSince > kCloseGrace) closeNow(m_leaveReason, m_closeWhy);
        return;
    }
    if (m_state != State::Open) return;
    // A client that takes nothing for --write-stall-ms is a slow reader, as on the imchat port.
    if (!m_out.empty() && now - m_lastWriteProgress > milliseconds(m_options.writeStallMs))
        return fail(net::ErrorCode::SlowReader, net::LeaveReason::Kicked);
    // Silence proves nothing here (a lab user reads until it types), but a message begun must end in time.
    if (m_messageStarted != Clock::time_point{} && !stopped() &&
        now - m_messageStarted > milliseconds(m_options.handshakeTimeoutMs))
        return fail(net::ErrorCode::Timeout, net::LeaveReason::Timeout);
}

} // namespace server

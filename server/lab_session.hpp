#pragma once
// One connection of the original lab's client (--legacy-port): raw UTF-8 text, no framing, no TLS. It reads
// the room from the moment it connects (Room::watch), as the lab's clients did, and joins it when its first
// message names it; a message under another name leaves and joins again. Only the name is taken from what it
// sends: the time, address and seq are the server's. What the Room delivers (encoded frames) is translated
// to the lab's text (lab_format.hpp) and written so that none of its client's 2048-byte reads ends inside a
// character, as far as the server can tell. The limits are a Session's: --max-clients and --max-per-ip (the
// Registry), --rate and --burst, FakeLag, the admission pacer, --max-queue-bytes, --write-stall-ms and
// --handshake-timeout-ms for a message that never completes.
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>

#include <asio/steady_timer.hpp>

#include "net/token_bucket.hpp"
#include "server/fake_lag.hpp"
#include "server/lab_format.hpp"
#include "server/options.hpp"
#include "server/participant.hpp"
#include "server/peer.hpp"
#include "server/socket.hpp"

namespace server {

class Registry;
class Room;
class Status;

class LabSession : public Participant, public Peer, public std::enable_shared_from_this<LabSession> {
public:
    using Clock = std::chrono::steady_clock;

    /// Takes an accepted socket; call start() or refuse() next.
    LabSession(Socket socket, std::string ip, Room& room, Registry& registry, const Options& options,
               Status& status);

    /// Sends the history (or NO_MESSAGE), then the lab's welcome notice, and reads.
    void start();
    /// Says why in one line (ServerFull, TooManyFromIp), then closes without serving.
    void refuse(net::ErrorCode code, const std::string& why);

    void deliver(const Frame& frame) override;
    void evict(net::ErrorCode code) override;
    const std::string& ip() const override { return m_ip; }
    bool takesPrivate() const override { return false; }
    bool counted() const override { return m_counted; }
    void checkTimers(Clock::time_point now) override;

private:
    enum class State { Open, Closing, Closed };
    /// One write, at most lab::kReadBytes: the lab client's reads end where writes end, as long as it keeps
    /// up.
    struct Piece {
        std::string bytes;
        std::size_t sent = 0;
        bool sealed = false; // nothing is added to it (the history: it must arrive alone)
        std::chrono::milliseconds pauseAfter{0};
    };

    void doRead();
    void onReadable();
    /// Handles the messages the parser holds; settled: no bytes came for a while.
    void handleMessages(bool settled);
    void onSaid(lab::Said& said, Clock::time_point now);
    /// Joins (or joins again) under name; false, with the lab user told why, when it may not.
    bool joinAs(const std::string& name);
    bool admit(Clock::time_point now);
    bool stopped() const { return m_lagged || m_waitingForRoom || m_paced; }
    void resume();
    void armSettle();

    /// Queues a chat message ('\n' first, as the lab's server sent it): several fit one write.
    void sendChat(const std::string& text);
    /// Queues a line of its own: a notice or a refusal.
    void sendLine(std::string text, bool sealed = false, std::chrono::milliseconds pauseAfter = {});
    void queue(Piece piece);
    void doWrite();
    void waitThen(std::chrono::milliseconds wait);

    void fail(net::ErrorCode code, net::LeaveReason reason);
    void closeNow(net::LeaveReason reason, const std::string& why);

    Socket m_socket;
    std::string m_ip;
    Room& m_room;
    Registry& m_registry;
    const Options& m_options;
    Status& m_status;
    State m_state = State::Open;
    bool m_counted = true;

    lab::Parser m_parser;
    std::string m_joinedAs; // the name as the lab user typed it, while joined
    bool m_reading = false, m_lagged = false, m_waitingForRoom = false, m_paced = false;
    net::TokenBucket m_budget; // --rate, --burst
    FakeLag m_lag;             // name changes and refused bytes cost time
    unsigned m_refusals = 0;
    Clock::time_point m_refusalWindow, m_messageStarted{}, m_lastWriteProgress, m_closingSince;
    asio::steady_timer m_settleTimer, m_lagTimer, m_writeTimer;

    std::deque<Piece> m_out;
    std::size_t m_outBytes = 0; // queued, counted with kFrameOverhead a piece as the write queue counts
    bool m_writing = false;     // a write-readiness wait or the write timer is pending
    Clock::time_point m_lastWriteDone{};         // when the last piece was written whole
    std::chrono::milliseconds m_nextWriteGap{0}; // the next piece waits this long after it
    std::string m_closeWhy;
    net::LeaveReason m_leaveReason = net::LeaveReason::ConnectionLost;
};

} // namespace server

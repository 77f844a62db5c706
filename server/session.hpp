#pragma once
// One client connection: reads bytes into the frame decoder and hands messages to the Room; writes its queue
// of shared frames with one gathered write; enforces the per-connection limits (queue bytes, token bucket,
// handshake/idle/slowloris/write-stall deadlines, which the Registry's sweep checks). Its first byte tells
// TLS (a handshake record) from plaintext (a frame's length), which is served only with --allow-plaintext;
// over TLS the queued frames are sealed a batch at a time, several messages to a record.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <asio/steady_timer.hpp>

#include "server/socket.hpp"

#include "net/codec.hpp"
#include "net/token_bucket.hpp"
#include "server/accounts.hpp"
#include "server/fake_lag.hpp"
#include "server/options.hpp"
#include "server/participant.hpp"
#include "server/peer.hpp"
#include "server/tls_channel.hpp"
#include "server/write_queue.hpp"

namespace server {

class Room;
class Registry;
class Status;

using Clock = std::chrono::steady_clock;

class Session : public Participant, public Peer, public std::enable_shared_from_this<Session> {
public:
    /// Takes an accepted socket; call start() or refuse() next.
    Session(Socket socket, std::string ip, Room& room, Registry& registry, const Options& options,
            Status& status);

    /// Starts serving: the handshake clock runs from now.
    void start();
    /// Sends a fatal error (ServerFull, TooManyFromIp) saying why, and closes without ever serving.
    void refuse(net::ErrorCode code, const std::string& why);
    /// Checks the deadlines; called periodically by the Registry.
    void checkTimers(Clock::time_point now) override;

    /// Writes what is queued (called by the Flusher's round after scheduleWrite()); returns the bytes sent.
    std::size_t flushWrites();

    void deliver(const Frame& frame) override;
    void evict(net::ErrorCode code) override;
    const std::string& ip() const override { return m_ip; }

    bool counted() const override { return m_counted; }

private:
    enum class State { Open, Closing, Closed };
    enum class Transport { Unknown, Plain, Tls }; // known from the first byte received

    void doRead();
    void onReadable();
    /// One read of what the socket holds, handled; then the next read is arranged.
    void readSome();
    bool chooseTransport(char first);
    bool receiveTls(const char* data, std::size_t n, Clock::time_point now);
    void handleBytes(const char* data, std::size_t n, Clock::time_point now);
    void processBuffered(Clock::time_point now);
    void handle(net::Message& m, Clock::time_point now);
    void handleJoined(net::Message& m, Clock::time_point now);
    void onHello(net::Hello& hello);
    // A cluster room's join takes two more steps after the accounts admitted the Hello: the name is claimed
    // across the nodes, and this node's mirror reads what a client failing over from another node saw.
    enum class JoinStep { Admitted, Claimed, Mirrored };
    void onAdmitted(const net::Hello& hello, Accounts::Outcome outcome, JoinStep step = JoinStep::Admitted);
    /// Asks the accounts whether hello (its name's key is key) may join, then onAdmitted at step.
    void checkAccount(net::Hello& hello, const std::string& key, JoinStep step);
    void onRegister(net::Register& r);
    void onChangePassword(net::ChangePassword& c);
    void onAccountChanged(std::uint64_t clientId, net::AccountChange change, Accounts::Outcome outcome);
    bool admit(std::uint64_t clientId, Clock::time_point now);
    /// Stops reading for wait: the requests handled so far ran that far ahead of real time (FakeLag).
    void lagFor(Clock::duration wait);
    void enqueue(const Frame& frame);
    std::size_t highWater() const;
    std::size_t doWrite();
    /// Writes as much of the queue as the socket takes now, without waiting or closing (safe inside a Room
    /// broadcast); returns the bytes written. stoppedBy: empty when the queue emptied, would_block when the
    /// socket was full, else the socket's error (doWrite acts on it; other callers leave it to the next
    /// round).
    std::size_t writeWhatFits(std::error_code& stoppedBy);
    std::size_t writePlain(std::error_code& stoppedBy);
    std::size_t writeTls(std::error_code& stoppedBy);
    /// Moves the next batch of queued frames into TLS records (m_tlsOut); false when TLS failed.
    bool sealBatch();
    /// Whether anything waits to be written: frames, or sealed records.
    bool hasOutput() const { return !m_queue.empty() || m_tlsOutSent < m_tlsOut.size(); }
    /// Whether data can be written yet (the transport is known and, over TLS, the handshake done).
    bool canWrite() const;
    void scheduleWrite();
    void onWritable(const std::error_code& ec);
    void fail(net::ErrorCode code, net::LeaveReason reason, std::string text = {});
    void beginClosing(net::LeaveReason reason, const std::string& why);
    void closeNow(net::LeaveReason reason, const std::string& why);
    void resumeReading();
    void waitForRoom();
    void continueReading();
    bool readingStopped() const {
        return m_paused || m_waitingForRoom || m_checking || m_lagged || m_flooded;
    }

    Socket m_socket;
    std::string m_ip;
    Room& m_room;
    Registry& m_registry;
    const Options& m_options;
    Status& m_status;
    /// A decoder for what a client may send (server types are skipped as unknown).
    static net::FrameDecoder clientDecoder() {
        return net::FrameDecoder(net::kMaxFrameBytes, net::FrameDecoder::Accept::ClientMessages);
    }
    net::FrameDecoder m_decoder = clientDecoder();
    State m_state = State::Open;
    bool m_counted = true;
    Transport m_transport = Transport::Unknown;
    std::unique_ptr<TlsChannel> m_tls;
    std::string m_tlsOut;         // sealed records not yet written (empty, with no capacity, when idle)
    std::size_t m_tlsOutSent = 0; // bytes of m_tlsOut written

    WriteQueue m_queue;
    bool m_waitingWritable = false, m_writeScheduled = false, m_sendShutdown = false;

    bool m_reading = false;        // a readiness wait or a posted read is outstanding
    bool m_hasTurn = false;        // the AdmissionPacer gave this newcomer its turn (a token spent)
    bool m_paused = false;         // backpressure: our own queue is above the high-water mark
    bool m_waitingForRoom = false; // backpressure: the room's pending burst is full (Room::hasRoomForMore)
    bool m_checking = false;       // credentials are being checked: later frames wait in the decoder
    bool m_lagged = false;         // its requests ran ahead of real time: read again when m_lagTimer fires
    bool m_flooded = false;        // cut for Flooding once the pending burst is delivered: nothing more read

    Clock::time_point m_started, m_lastReceived, m_lastWriteProgress, m_closingSince;
    Clock::time_point m_frameStarted{};             // when the currently incomplete frame began; epoch = none
    net::TokenBucket m_budget;                      // flood control: messages per second, with a burst
    FakeLag m_lag;                                  // the cost of every request, paid in time
    std::unique_ptr<asio::steady_timer> m_lagTimer; // made the first time the connection lags
    unsigned m_refusals = 0;
    Clock::time_point m_refusalWindow;
    std::string m_closeWhy;
    net::LeaveReason m_leaveReason = net::LeaveReason::ConnectionLost;
};

} // namespace server

#include "server/session.hpp"

#include <utility>

#include <asio/post.hpp>

#include "server/flusher.hpp"
#include "server/gathered_send.hpp"

#include "server/frame.hpp"
#include "server/log_text.hpp"
#include "server/registry.hpp"
#include "server/room.hpp"
#include "server/status.hpp"

namespace server {

namespace {
// Stop reading from a peer whose own queue holds more than this: what its requests can make the server hold
// (replies it does not read) stays within it, and 64 such peers within 32 MiB.
constexpr std::size_t kHighWater = 512u << 10;
constexpr std::chrono::milliseconds kCloseGrace{1000}; // bound on flushing a fatal error before closing
// Plaintext sealed per TLS write: up to four full records. Queued frames are copied together first, so a
// burst of small messages costs one record (one MAC, one header), not one record each.
constexpr std::size_t kTlsBatch = 64 * 1024;
constexpr char kTlsHandshakeRecord = 0x16;                 // the first byte of every TLS ClientHello
constexpr std::chrono::milliseconds kRefusedFrameCost{50}; // FakeLag: a frame skipped with an error

} // namespace

Session::Session(Socket socket, std::string ip, Room& room, Registry& registry, const Options& options,
                 Status& status)
    : m_socket(std::move(socket)), m_ip(std::move(ip)), m_room(room), m_registry(registry),
      m_options(options), m_status(status), m_budget(options.rate, options.burst, Clock::now()) {
    m_started = m_lastReceived = m_lastWriteProgress = m_refusalWindow = Clock::now();
}

void Session::start() {
    m_status.log("connect " + m_ip);
    doRead();
}

void Session::refuse(net::ErrorCode code, const std::string& why) {
    m_counted = false;
    m_status.log("refuse " + m_ip + ": " + why);
    fail(code, net::LeaveReason::Kicked, why);
    doRead(); // read (and discard) until the peer closes, so our close does not reset away the error frame
}

// ---- reading: wait for readiness, then read into the registry's shared buffer ----

void Session::doRead() {
    if (m_reading || m_state == State::Closed || (readingStopped() && m_state == State::Open)) return;
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

void Session::onReadable() {
    if (m_state == State::Closed) return;
    // A full burst: what this member sent stays in its socket until the burst is delivered.
    if (m_state == State::Open && membership.joined && !m_room.hasRoomForMore()) return waitForRoom();
    // A newcomer waits its turn (AdmissionPacer) when many arrive at once, and pays for its read in time;
    // members never do.
    const bool newcomer = m_state == State::Open && !membership.joined;
    const auto start = newcomer ? Clock::now() : Clock::time_point{};
    if (newcomer && !std::exchange(m_hasTurn, false) && !m_registry.pacer().admit(start)) {
        m_reading = true; // nothing else starts a read meanwhile
        return m_registry.pacer().wait([weak = weak_from_this()] {
            if (auto self = weak.lock()) {
                self->m_reading = false;
                self->m_hasTurn = true;
                self->onReadable();
            }
        });
    }
    readSome();
    if (newcomer) m_registry.pacer().spent(Clock::now() - start);
}

void Session::readSome() {
    auto& buf = m_registry.readBuffer();
    std::error_code ec;
    const std::size_t n = m_socket.read_some(asio::buffer(buf), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return doRead();
    if (ec)
        return closeNow(net::LeaveReason::ConnectionLost,
                        ec == asio::error::eof ? "closed by peer" : ec.message());
    const auto now = Clock::now();
    m_registry.tick(now);
    if (m_transport == Transport::Unknown && !chooseTransport(buf[0])) return;
    if (m_tls) {
        if (!receiveTls(buf.data(), n, now)) return;
    } else if (m_state == State::Open) {
        handleBytes(buf.data(), n, now);
    }
    if (m_state == State::Closed || (readingStopped() && m_state == State::Open)) return;
    if (n < buf.size()) return doRead(); // drained: the next arrival is a new readiness edge
    // Maybe more is waiting. Yield to other sessions first; readiness waits only report new edges.
    m_reading = true;
    asio::post(m_socket.get_executor(), [self = shared_from_this()] {
        self->m_reading = false;
        self->onReadable();
    });
}

void Session::resumeReading() {
    m_paused = false;
    continueReading();
}

void Session::waitForRoom() {
    m_waitingForRoom = true;
    m_room.whenRoomForMore([weak = weak_from_this()] {
        if (auto self = weak.lock()) {
            self->m_waitingForRoom = false;
            self->continueReading();
        }
    });
}

void Session::lagFor(Clock::duration wait) {
    m_lagged = true;
    if (!m_lagTimer) m_lagTimer = std::make_unique<asio::steady_timer>(m_socket.get_executor());
    m_lagTimer->expires_after(wait);
    m_lagTimer->async_wait([weak = weak_from_this()](const std::error_code& ec) {
        auto self = weak.lock();
        if (ec || !self) return;
        self->m_lagged = false;
        self->continueReading();
    });
}

void Session::continueReading() {
    if (m_reading || readingStopped()) return;
    m_reading = true;
    asio::post(m_socket.get_executor(), [self = shared_from_this()] {
        self->m_reading = false;
        // Frames already received come first: they were left in the decoder when reading stopped.
        if (self->m_state == State::Open) self->processBuffered(Clock::now());
        if (self->m_state == State::Open && !self->readingStopped()) self->onReadable();
    });
}

bool Session::chooseTransport(char first) {
    if (first == kTlsHandshakeRecord) {
        m_transport = Transport::Tls;
        // A session refused at accept has only a plaintext Error queued, which a TLS client cannot read.
        if (m_state != State::Open) {
            closeNow(m_leaveReason, m_closeWhy);
            return false;
        }
        m_tls = std::make_unique<TlsChannel>(m_registry.tlsContext());
        return true;
    }
    m_transport = Transport::Plain;
    if (m_state == State::Open && !m_options.allowPlaintext) {
        // Said in plaintext, once: a version 1 client reads BadVersion, and a person reads why.
        deliver(errorFrame(net::ErrorCode::BadVersion, 0,
                           "bad-version: this server speaks imchat 2 over TLS only"));
        beginClosing(net::LeaveReason::Kicked, "plaintext refused");
        return false;
    }
    if (hasOutput()) scheduleWrite(); // a refusal queued before anything arrived can go out now
    return true;
}

bool Session::receiveTls(const char* data, std::size_t n, Clock::time_point now) {
    std::string& plain = m_registry.plainBuffer();
    plain.clear();
    const TlsChannel::Status status = m_tls->receive(std::string_view(data, n), plain, m_tlsOut);
    if (hasOutput()) scheduleWrite(); // the handshake's answer, or records for queued frames
    if (status == TlsChannel::Status::Failed) {
        closeNow(net::LeaveReason::ConnectionLost, m_tls->error());
        return false;
    }
    if (m_state == State::Open) handleBytes(plain.data(), plain.size(), now);
    if (status == TlsChannel::Status::Closed) {
        closeNow(net::LeaveReason::ConnectionLost, "closed by peer");
        return false;
    }
    return m_state != State::Closed;
}

void Session::handleBytes(const char* data, std::size_t n, Clock::time_point now) {
    m_lastReceived = now;
    m_decoder.feed(std::string_view(data, n));
    processBuffered(now);
}

void Session::processBuffered(Clock::time_point now) {
    bool completed = false;
    net::Message msg;
    // Stop as soon as our own queue passes the high-water mark: the rest waits in the decoder, so one read
    // full of requests cannot produce more output than the queue cap allows.
    while (m_state == State::Open && !readingStopped()) {
        if (membership.joined && !m_room.hasRoomForMore()) {
            waitForRoom();
            break;
        }
        if (const auto wait = m_lag.wait(now); wait > Clock::duration::zero()) {
            lagFor(wait);
            break;
        }
        const auto status = m_decoder.next(msg);
        if (status == net::DecodeStatus::NeedMore) break;
        completed = true;
        if (status == net::DecodeStatus::Complete) {
            handle(msg, now);
            continue;
        }
        const auto code = m_decoder.error();
        if (net::isFatal(code)) return fail(code, net::LeaveReason::Kicked);
        // Non-fatal (InvalidUtf8, UnknownType): the frame was skipped; name the refused message if we can.
        // Only a client's own messages name one: a server type that slipped in (Chat, Error) is not its to
        // name.
        const bool own = std::holds_alternative<net::Say>(msg) || std::holds_alternative<net::Whisper>(msg);
        deliver(errorFrame(code, own ? net::clientIdOf(msg) : 0));
        m_lag.charge(now, kRefusedFrameCost);
        msg = net::Ping{}; // do not let a stale clientId leak into the next skipped frame
    }
    // Slowloris guard: a frame that stays incomplete for the handshake timeout closes the connection.
    if (!m_decoder.midFrame()) {
        m_frameStarted = {};
        // Nothing buffered: give the receive buffer back, so an idle connection holds none. A swap, because a
        // move-assignment from a fresh (small-string) decoder would keep the old buffer's capacity.
        if (m_state == State::Open) {
            net::FrameDecoder fresh = clientDecoder();
            std::swap(m_decoder, fresh);
        }
    } else if (completed || m_frameStarted == Clock::time_point{}) {
        m_frameStarted = now;
    }
}

// ---- writing: one gathered write of everything queued ----

void Session::deliver(const Frame& frame) {
    if (m_state != State::Open) return; // after a fatal error nothing else is sent
    // One frame always fits an empty queue: a HistoryPage (up to 64 KiB) under a smaller cap is not a slow
    // reader.
    const auto overCap = [&] {
        return !m_queue.empty() && m_queue.charged() + WriteQueue::cost(frame) > m_options.maxQueueBytes;
    };
    // A busy server fills queues faster than its write rounds come: only a peer whose socket is full too is
    // slow.
    if (overCap()) {
        std::error_code reportedByTheNextRound;
        writeWhatFits(reportedByTheNextRound);
        if (overCap()) return fail(net::ErrorCode::SlowReader, net::LeaveReason::Kicked);
    }
    enqueue(frame);
    if (m_queue.charged() > highWater()) m_paused = true;
}

void Session::enqueue(const Frame& frame) {
    if (!hasOutput()) m_lastWriteProgress = Clock::now();
    m_queue.push(frame);
    scheduleWrite();
}

std::size_t Session::highWater() const { return std::min(kHighWater, m_options.maxQueueBytes / 2); }

void Session::scheduleWrite() {
    if (m_waitingWritable || m_writeScheduled) return;
    m_writeScheduled = true;
    // Deferred to the next write round, so a whole burst of deliveries leaves in one writev instead of one
    // syscall per frame (and a busy server batches several bursts per writev).
    m_registry.flusher().request(shared_from_this());
}

std::size_t Session::flushWrites() {
    m_writeScheduled = false;
    return doWrite();
}

bool Session::canWrite() const {
    return m_transport == Transport::Plain || (m_transport == Transport::Tls && m_tls->established()) ||
           m_tlsOutSent < m_tlsOut.size(); // the handshake's own records go before it is done
}

std::size_t Session::writeWhatFits(std::error_code& stoppedBy) {
    stoppedBy.clear();
    if (m_transport == Transport::Unknown) return 0; // written once the first byte tells how
    return m_tls ? writeTls(stoppedBy) : writePlain(stoppedBy);
}

std::size_t Session::writeTls(std::error_code& stoppedBy) {
    std::size_t sent = 0;
    for (;;) {
        if (m_tlsOutSent == m_tlsOut.size()) {
            std::string().swap(m_tlsOut); // an idle connection keeps no buffer
            m_tlsOutSent = 0;
            if (m_queue.empty() || !m_tls->established()) break;
            if (!sealBatch()) {
                stoppedBy = std::make_error_code(std::errc::protocol_error);
                break;
            }
        }
        const GatherBuffer records =
            gatherBuffer(m_tlsOut.data() + m_tlsOutSent, m_tlsOut.size() - m_tlsOutSent);
        const std::size_t n = sendGathered(m_socket, std::span<const GatherBuffer>(&records, 1), stoppedBy);
        if (!stoppedBy && n == 0) stoppedBy = asio::error::would_block;
        if (stoppedBy) break;
        m_tlsOutSent += n;
        sent += n;
        m_lastWriteProgress = Clock::now();
    }
    return sent;
}

bool Session::sealBatch() {
    WriteQueue::Gather gather;
    std::string& batch = m_registry.sealBuffer();
    batch.clear();
    for (const GatherBuffer& buffer : m_queue.buffers(gather)) {
        const std::string_view bytes = gatheredBytes(buffer);
        if (!batch.empty() && batch.size() + bytes.size() > kTlsBatch) break; // a larger frame goes alone
        batch.append(bytes);
    }
    if (!m_tls->send(batch, m_tlsOut)) return false;
    m_queue.consume(batch.size());
    return true;
}

std::size_t Session::writePlain(std::error_code& stoppedBy) {
    WriteQueue::Gather gather;
    std::size_t sent = 0;
    while (!m_queue.empty()) {
        const std::size_t n = sendGathered(m_socket, m_queue.buffers(gather), stoppedBy);
        if (!stoppedBy && n == 0) stoppedBy = asio::error::would_block; // nothing taken: as good as full
        if (stoppedBy) break;
        m_queue.consume(n);
        sent += n;
        m_lastWriteProgress = Clock::now();
    }
    return sent;
}

std::size_t Session::doWrite() {
    if (m_waitingWritable || m_state == State::Closed || !canWrite()) return 0;
    // Non-blocking writes first: a socket with room takes the data now, with no asynchronous operation to
    // allocate and complete. Only a full socket buffer costs a readiness wait.
    std::error_code ec;
    const std::size_t sent = writeWhatFits(ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
        m_waitingWritable = true;
        m_socket.async_wait(Socket::wait_write, [self = shared_from_this()](const std::error_code& wec) {
            self->onWritable(wec);
        });
        return sent;
    }
    if (ec) {
        closeNow(net::LeaveReason::ConnectionLost,
                 m_tls && !m_tls->error().empty() ? m_tls->error() : ec.message());
        return sent;
    }
    if (m_paused && m_state == State::Open) resumeReading();
    if (m_state == State::Closing && !m_sendShutdown && !hasOutput()) {
        // Everything (including the error frame) is out: half-close and wait for the peer's EOF.
        std::error_code ignored;
        m_socket.shutdown(Socket::shutdown_send, ignored);
        m_sendShutdown = true;
    }
    return sent;
}

void Session::onWritable(const std::error_code& ec) {
    m_waitingWritable = false;
    if (m_state == State::Closed) return; // closed meanwhile: nothing left to write
    if (ec) {
        if (ec != asio::error::operation_aborted) closeNow(net::LeaveReason::ConnectionLost, ec.message());
        return;
    }
    if (m_paused && m_state == State::Open && m_queue.charged() <= highWater() / 2) resumeReading();
    doWrite();
}

// ---- closing ----

void Session::evict(net::ErrorCode code) {
    fail(code, code == net::ErrorCode::Timeout ? net::LeaveReason::Timeout : net::LeaveReason::Kicked);
}

void Session::fail(net::ErrorCode code, net::LeaveReason reason, std::string text) {
    if (m_state != State::Open) return;
    // Nothing arrived yet (refused at accept, silent until the timeout): where plaintext is served the Error
    // goes out as plaintext; a TLS-only server cannot say anything before a handshake, and just closes.
    if (m_transport == Transport::Unknown && m_options.allowPlaintext) m_transport = Transport::Plain;
    // Make room for the error: drop what was never started (a partly written frame must finish).
    if (code == net::ErrorCode::SlowReader) m_queue.dropUnstarted();
    enqueue(errorFrame(code, 0, std::move(text)));
    beginClosing(reason, net::errorName(code));
}

void Session::beginClosing(net::LeaveReason reason, const std::string& why) {
    m_state = State::Closing;
    m_closingSince = Clock::now();
    m_closeWhy = why;
    m_leaveReason = reason;
    m_paused = false;
    // Deferred: fail() may run inside a Room broadcast, which must not be re-entered.
    asio::post(m_socket.get_executor(),
               [self = shared_from_this(), reason] { self->m_room.leave(*self, reason); });
    scheduleWrite();
    doRead(); // keep reading (and discarding) to see the peer's EOF
}

void Session::closeNow(net::LeaveReason reason, const std::string& why) {
    if (m_state == State::Closed) return;
    if (m_state == State::Open) {
        m_closeWhy = why;
        m_leaveReason = reason;
    }
    m_state = State::Closed;
    std::error_code ignored;
    m_socket.close(ignored);
    // Usually already done by the leave beginClosing posted; if not, the reason given there still wins.
    m_room.leave(*this, m_leaveReason);
    const bool named = !membership.name.empty();
    if (m_counted)
        m_status.log("disconnect " + m_ip + (named ? " (" + quoted(membership.name) + ")" : "") + ": " +
                     m_closeWhy);
    m_queue.clear();
    std::string().swap(m_tlsOut);
    m_registry.remove(*this);
}

void Session::checkTimers(Clock::time_point now) {
    using std::chrono::milliseconds;
    if (m_state == State::Closing) {
        if (now - m_closingSince > kCloseGrace) closeNow(net::LeaveReason::ConnectionLost, m_closeWhy);
        return;
    }
    if (m_state != State::Open) return;
    // Stalled only if the peer's socket takes nothing now: time the server itself was busy does not count.
    std::error_code reportedByTheNextRound;
    if (hasOutput() && canWrite() && now - m_lastWriteProgress > milliseconds(m_options.writeStallMs) &&
        writeWhatFits(reportedByTheNextRound) == 0)
        return fail(net::ErrorCode::SlowReader, net::LeaveReason::Kicked);
    // The handshake deadline is absolute: a peer that pings but never says Hello, or never reads the
    // answers (which stops our reading), is out all the same. Only our own work (checking a password) waits.
    if (!membership.joined && !m_checking && now - m_started > milliseconds(m_options.handshakeTimeoutMs))
        return fail(net::ErrorCode::Timeout, net::LeaveReason::Timeout);
    if (readingStopped()) return; // we are not reading, so silence proves nothing
    if (membership.joined && now - m_lastReceived > milliseconds(3 * m_options.heartbeatMs))
        return fail(net::ErrorCode::Timeout, net::LeaveReason::Timeout);
    if (m_frameStarted != Clock::time_point{} &&
        now - m_frameStarted > milliseconds(m_options.handshakeTimeoutMs))
        return fail(net::ErrorCode::Timeout, net::LeaveReason::Timeout);
}

} // namespace server

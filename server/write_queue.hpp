#pragma once
// A connection's outgoing frames: shared, immutable, written front to back with gathered writes. Besides the
// unsent bytes it counts what the frames cost in memory (their heap blocks and its own slots), which is what
// the server's per-connection limits bound: a queue of a million 13-byte Pongs holds 80 MB, not 13.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "server/frame.hpp"
#include "server/gathered_send.hpp"
#include "server/participant.hpp"

namespace server {

class WriteQueue {
public:
    /// Appends a frame (shared with every other queue holding it).
    void push(const Frame& frame);
    /// Unsent bytes.
    std::size_t bytes() const { return m_bytes; }
    /// Memory the queued frames hold (each counted whole, though a broadcast frame is shared): see cost().
    std::size_t charged() const { return m_charged; }
    /// What queueing frame costs: its bytes' heap block and kFrameOverhead.
    static std::size_t cost(const Frame& frame) { return frame->capacity() + kFrameOverhead; }
    /// Whether everything has been sent.
    bool empty() const { return m_head == m_frames.size(); }
    /// Buffers per gathered write: the kernel's limit (IOV_MAX), not asio's 64, so a burst of a few hundred
    /// frames leaves in one sendmsg (one socket buffer, one wake-up of the reader) instead of several.
    static constexpr std::size_t kMaxGather = 1024;
    /// Room for one gathered write; the caller provides it (on its stack), so idle queues hold no buffer
    /// array.
    using Gather = std::array<GatherBuffer, kMaxGather>;

    /// Points out at the unsent data (at most kMaxGather buffers, valid until the queue changes).
    std::span<const GatherBuffer> buffers(Gather& out) const;
    /// Marks n bytes as sent and releases the frames they finish.
    void consume(std::size_t n);
    /// Drops every frame not yet started; a partly sent frame stays so the stream remains well-formed.
    void dropUnstarted();
    /// Forgets everything (the connection is gone).
    void clear();

private:
    void release(std::size_t index);
    void compact();

    std::vector<Frame> m_frames; // [m_head, end) unsent
    std::size_t m_head = 0;
    std::size_t m_headOffset = 0; // bytes of m_frames[m_head] already sent
    std::size_t m_bytes = 0;
    std::size_t m_charged = 0;
};

} // namespace server

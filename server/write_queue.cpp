#include "server/write_queue.hpp"

namespace server {

void WriteQueue::push(const Frame& frame) {
    m_frames.push_back(frame);
    m_bytes += frame->size();
    m_charged += cost(frame);
}

std::span<const GatherBuffer> WriteQueue::buffers(Gather& out) const {
    std::size_t n = 0;
    for (std::size_t i = m_head; i < m_frames.size() && n < kMaxGather; ++i, ++n) {
        const std::size_t skip = i == m_head ? m_headOffset : 0;
        out[n] = gatherBuffer(m_frames[i]->data() + skip, m_frames[i]->size() - skip);
    }
    return {out.data(), n};
}

void WriteQueue::consume(std::size_t n) {
    m_bytes -= n;
    while (n > 0) {
        const std::size_t left = m_frames[m_head]->size() - m_headOffset;
        if (n < left) {
            m_headOffset += n;
            break;
        }
        n -= left;
        release(m_head++);
        m_headOffset = 0;
    }
    compact();
}

void WriteQueue::release(std::size_t index) {
    m_charged -= cost(m_frames[index]);
    m_frames[index].reset();
}

void WriteQueue::dropUnstarted() {
    for (std::size_t i = m_head + (m_headOffset > 0 ? 1 : 0); i < m_frames.size(); ++i) release(i);
    m_frames.resize(m_head + (m_headOffset > 0 ? 1 : 0));
    m_bytes = m_headOffset > 0 ? m_frames[m_head]->size() - m_headOffset : 0;
    compact();
}

void WriteQueue::clear() {
    m_frames.clear();
    m_head = m_headOffset = m_bytes = m_charged = 0;
    compact();
}

void WriteQueue::compact() {
    if (m_head == m_frames.size()) {
        m_frames.clear();
        m_head = 0;
        // An idle connection keeps no slots (a thousand idle clients add up); a busy one allocates once per
        // write round, next to a syscall that costs a hundred times more.
        std::vector<Frame>().swap(m_frames);
    } else if (m_head >= 1024 && m_head * 2 >= m_frames.size()) {
        m_frames.erase(m_frames.begin(), m_frames.begin() + static_cast<std::ptrdiff_t>(m_head));
        m_head = 0;
    }
}

} // namespace server

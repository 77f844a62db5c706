#include "skimmer.hpp"

#include <cerrno>
#include <sys/socket.h>

#include "net/codec.hpp"

namespace reliability {

namespace {
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr int kReadsPerSkim = 4;
constexpr std::size_t kPrefix = 4; // the frame's u32 length
} // namespace

bool Skimmer::skim(int fd) {
    if (m_closed) return false;
    for (int i = 0; i < kReadsPerSkim; ++i) {
        const std::size_t had = m_partial.size();
        m_partial.resize(had + kReadChunk);
        const ssize_t n = ::recv(fd, m_partial.data() + had, kReadChunk, MSG_DONTWAIT);
        m_partial.resize(had + static_cast<std::size_t>(n > 0 ? n : 0));
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            m_closed = true;
            break;
        }
        if (n < 0) break;
        m_bytes += static_cast<std::size_t>(n);
        walk();
    }
    return !m_closed;
}

void Skimmer::walk() {
    std::size_t pos = 0;
    while (m_partial.size() - pos >= kPrefix + 1) {
        std::uint32_t len = 0;
        for (std::size_t i = 0; i < kPrefix; ++i)
            len = (len << 8) | static_cast<unsigned char>(m_partial[pos + i]);
        if (len == 0 || len > net::kMaxFrameBytes) { // not a frame: nothing after it can be trusted
            m_closed = true;
            return;
        }
        if (m_partial.size() - pos < kPrefix + len) break;
        const auto type = static_cast<net::MsgType>(static_cast<unsigned char>(m_partial[pos + kPrefix]));
        ++m_counts[static_cast<std::uint8_t>(type)];
        if (type == net::MsgType::Error || type == net::MsgType::Pong) {
            net::Message m;
            if (net::decodePayload(std::string_view(m_partial).substr(pos + kPrefix, len), m) ==
                net::ErrorCode::None) {
                if (auto* e = std::get_if<net::Error>(&m)) m_errors.push_back(*e);
                if (auto* p = std::get_if<net::Pong>(&m)) m_pongs.push_back(p->nonce);
            }
        }
        pos += kPrefix + len;
    }
    m_partial.erase(0, pos);
}

} // namespace reliability

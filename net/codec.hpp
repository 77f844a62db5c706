#pragma once
// The pure codec: messages to frames and bytes to messages. No I/O, no clocks, no globals.
#include <cstddef>
#include <string>
#include <string_view>

#include "net/messages.hpp"

namespace net {

/// Appends one whole frame (u32 length prefix + payload) for m to out.
void encode(const Message& m, std::string& out);
/// One whole frame for m.
std::string encode(const Message& m);

/// Decodes one payload (type byte + fields, no length prefix). On InvalidUtf8 the message is still
/// filled in, so the caller can name the refused clientId in its Error reply.
ErrorCode decodePayload(std::string_view payload, Message& out);

/// Incremental frame decoder for a byte stream: survives any split or coalescing of frames.
/// Usage: feed(bytes); while (next(msg) == DecodeStatus::Complete) handle(msg);
enum class DecodeStatus { Complete, NeedMore, Bad };

class FrameDecoder {
public:
    /// Which messages the peer may send. The server's decoder takes client-to-server types only: a frame of
    /// any other type is skipped with UnknownType (not fatal) whatever its payload, so a client cannot get
    /// itself closed as Malformed by sending a server type the server would never have read anyway.
    enum class Accept { Any, ClientMessages };

    explicit FrameDecoder(std::uint32_t maxFrameBytes = kMaxFrameBytes, Accept accept = Accept::Any)
        : m_maxFrame(maxFrameBytes), m_accept(accept) {}

    /// Appends received bytes. Never allocates beyond the bytes held plus one frame's limit.
    void feed(std::string_view bytes);
    /// Takes the next whole message out of the buffer.
    /// Bad with a fatal error() means the stream cannot be trusted any more (close it);
    /// Bad with a non-fatal error() skipped exactly one frame and decoding may go on.
    DecodeStatus next(Message& out);

    ErrorCode error() const { return m_error; }
    /// Bytes received but not yet decoded.
    std::size_t buffered() const { return m_buf.size() - m_pos; }
    /// True while a frame has started but not fully arrived (used for slow-sender timeouts).
    bool midFrame() const { return buffered() > 0; }

private:
    std::string m_buf;
    std::size_t m_pos = 0;
    std::uint32_t m_maxFrame;
    Accept m_accept;
    ErrorCode m_error = ErrorCode::None;
    bool m_broken = false;
};

} // namespace net

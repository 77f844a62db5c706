#pragma once
// Encoding helpers that produce shareable frames.
#include <memory>
#include <string>

#include "net/codec.hpp"
#include "server/participant.hpp"

namespace server {

/// Encodes m once into an immutable frame that any number of queues can share. sizeHint (the expected frame
/// size) spares the string its growth steps on the hot paths.
inline Frame makeFrame(const net::Message& m, std::size_t sizeHint = 0) {
    auto frame = std::make_shared<std::string>();
    frame->reserve(sizeHint);
    net::encode(m, *frame);
    return frame;
}

/// Memory a queued frame holds besides its bytes: the shared block with the string and its counts, malloc's
/// headers, the queue's slot (WriteQueue::cost). Bounds on what a connection may have queued count it, so a
/// million 13-byte frames count as the 100 MB they take, not 13 MB.
inline constexpr std::size_t kFrameOverhead = 96;

/// Frame size of a Chat: prefix, type, seq, time, clientId, three string lengths, the strings.
inline std::size_t frameSize(const net::Chat& c) {
    return 4 + 1 + 8 + 8 + 8 + 2 + 2 + 2 + c.name.size() + c.ip.size() + c.text.size();
}
/// Frame size of a Private.
inline std::size_t frameSize(const net::Private& p) {
    return 4 + 1 + 8 + 8 + 8 + 1 + 2 + 2 + 2 + 2 + p.from.size() + p.fromIp.size() + p.to.size() +
           p.text.size();
}

/// An Error frame; fatal is derived from the code as the protocol defines it.
inline Frame errorFrame(net::ErrorCode code, std::uint64_t clientId = 0, std::string text = {}) {
    if (text.empty()) text = net::errorName(code);
    return makeFrame(net::Error{code, net::isFatal(code), clientId, std::move(text)});
}

} // namespace server

#pragma once
// Encoding helpers that produce shareable frames.
#include <memory>
#include <string>

#include "net/codec.hpp"
#include "participant.hpp"

namespace server {

/// Encodes m once into an immutable frame that any number of queues can share.
inline Frame makeFrame(const net::Message& m) {
    auto frame = std::make_shared<std::string>();
    net::encode(m, *frame);
    return frame;
}

/// An Error frame; fatal is derived from the code as the protocol defines it.
inline Frame errorFrame(net::ErrorCode code, std::uint64_t clientId = 0, std::string text = {}) {
    if (text.empty()) text = net::errorName(code);
    return makeFrame(net::Error{code, net::isFatal(code), clientId, std::move(text)});
}

} // namespace server

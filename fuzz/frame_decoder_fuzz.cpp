// libFuzzer target for the wire codec. Properties checked on every input:
//  1. FrameDecoder never crashes, reads out of bounds or trips UBSan on any byte stream;
//  2. splitting the stream into arbitrary chunks changes nothing (same messages, same errors);
//  3. every decoded message re-encodes to a frame that decodes to the same value, and that
//     encoding is canonical (encoding it again gives the same bytes).
// Build and run with fuzz/run.sh.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "net/codec.hpp"

namespace {

/// One observation of the decoder: a message, or an error code.
struct Step {
    net::DecodeStatus status;
    net::ErrorCode error;
    net::Message message;
    bool operator==(const Step&) const = default;
};

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "frame_decoder_fuzz: %s\n", what);
    std::abort();
}

/// Takes every message out of the decoder; stops for good after a fatal error, as a connection would.
bool drain(net::FrameDecoder& d, std::vector<Step>& out) {
    for (;;) {
        net::Message m;
        const auto status = d.next(m);
        if (status == net::DecodeStatus::NeedMore) return true;
        if (status == net::DecodeStatus::Complete) {
            out.push_back({status, net::ErrorCode::None, std::move(m)});
            continue;
        }
        out.push_back({status, d.error(), net::Message{}});
        if (net::isFatal(d.error())) return false;
    }
}

std::vector<Step> decodeChunked(std::string_view data, std::uint32_t seed) {
    net::FrameDecoder d;
    std::vector<Step> steps;
    std::size_t pos = 0;
    while (pos < data.size()) {
        // A small LCG picks chunk sizes from 1 byte to a few KiB, mostly small ones.
        seed = seed * 1664525u + 1013904223u;
        const std::size_t limit = (seed >> 28) < 12 ? 16 : 4096;
        const std::size_t chunk = std::min<std::size_t>(1 + (seed >> 8) % limit, data.size() - pos);
        d.feed(data.substr(pos, chunk));
        pos += chunk;
        if (!drain(d, steps)) break;
    }
    return steps;
}

void checkRoundTrip(const net::Message& m) {
    const std::string frame = net::encode(m);
    net::FrameDecoder d;
    d.feed(frame);
    net::Message again;
    if (d.next(again) != net::DecodeStatus::Complete) fail("a re-encoded message does not decode");
    if (!(again == m)) fail("a re-encoded message decodes to another value");
    if (d.buffered() != 0) fail("a re-encoded frame has trailing bytes");
    if (net::encode(again) != frame) fail("encoding is not canonical");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    net::FrameDecoder whole;
    whole.feed(bytes);
    std::vector<Step> expected;
    drain(whole, expected);

    const std::uint32_t seed = size == 0 ? 1 : static_cast<std::uint32_t>(data[size - 1]) * 2654435761u;
    if (!(decodeChunked(bytes, seed) == expected))
        fail("chunked decoding differs from whole-buffer decoding");

    for (const auto& step : expected)
        if (step.status == net::DecodeStatus::Complete) checkRoundTrip(step.message);
    return 0;
}

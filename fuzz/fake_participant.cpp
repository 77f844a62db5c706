#include "fuzz/fake_participant.hpp"

#include "fuzz/room_witness.hpp"
#include "net/codec.hpp"

namespace fuzz {

void FakeParticipant::deliver(const server::Frame& frame) {
    // The Room only ever queues to members: a departed or replaced connection must get nothing more.
    if (!membership.joined) fail("a frame was delivered to a connection that is not in the room");
    if (evicted) fail("a frame was delivered to an evicted connection");
    net::FrameDecoder decoder;
    decoder.feed(*frame);
    net::Message m;
    if (decoder.next(m) != net::DecodeStatus::Complete) fail("the Room queued a frame that does not decode");
    if (decoder.buffered() != 0) fail("the Room queued a frame with trailing bytes");
    if (net::encode(m) != *frame) fail("the Room queued a non-canonical frame");
    m_witness.onMessage(*this, m);
    if (m_dropSelf) {
        auto drop = std::move(m_dropSelf);
        m_dropSelf = nullptr;
        drop();
    }
}

void FakeParticipant::evict(net::ErrorCode code) {
    if (code != net::ErrorCode::Replaced) fail("the Room evicted for another reason than a takeover");
    if (membership.joined) fail("an evicted connection is still a member");
    m_witness.onEvict(*this);
    evicted = true;
}

} // namespace fuzz

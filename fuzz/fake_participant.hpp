#pragma once
// A connection without a socket for the room fuzzer: every frame the Room delivers is decoded and handed to
// the witness; it can play a slow reader that asks for its own eviction, as a Session does.
#include <cstdint>
#include <functional>
#include <string>

#include "net/messages.hpp"
#include "server/participant.hpp"

namespace fuzz {

class RoomWitness;

/// Where a connection is in its join sequence (Welcome, replayed Chats, replayed Privates, Live, Users).
enum class Stage { Fresh, Chats, Privates, Users, Live };

class FakeParticipant : public server::Participant {
public:
    /// ip is the address the "server" sees; witness checks every delivery.
    FakeParticipant(std::string ip, RoomWitness& witness) : m_ip(std::move(ip)), m_witness(witness) {}

    void deliver(const server::Frame& frame) override;
    void evict(net::ErrorCode code) override;
    const std::string& ip() const override { return m_ip; }

    /// The next delivery runs dropSelf (posted by the caller, like a Session's deferred close).
    void failOnNextDeliver(std::function<void()> dropSelf) { m_dropSelf = std::move(dropSelf); }

    // What the witness keeps per connection.
    Stage stage = Stage::Fresh;
    std::string helloName;         // the name of the last Hello sent
    net::Welcome welcome;          // the last Welcome received
    std::uint32_t replayed = 0;    // Chats between Welcome and Live
    std::uint64_t lastChatSeq = 0; // strictly increasing on one connection
    std::uint64_t lastPrivateSeq = 0;
    bool evicted = false;

private:
    std::string m_ip;
    RoomWitness& m_witness;
    std::function<void()> m_dropSelf;
};

} // namespace fuzz

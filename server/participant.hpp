#pragma once
// What the Room needs from a connected peer: a place to queue frames and a way to evict it.
// Sessions implement it over sockets; fuzzers and unit tests can implement it in memory.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "net/messages.hpp"

namespace server {

/// One encoded frame (length prefix + payload), shared by every recipient of a broadcast.
using Frame = std::shared_ptr<const std::string>;

class Participant {
public:
    virtual ~Participant() = default;

    /// Queues one encoded frame for the peer; never blocks. Must not call back into the Room (the Room may be
    /// iterating its members): a peer that cannot take more schedules its own eviction instead.
    virtual void deliver(const Frame& frame) = 0;
    /// Sends a fatal error, then closes. The Room has already removed the participant.
    virtual void evict(net::ErrorCode code) = 0;
    /// The peer's address as the server sees it (never what the client claims).
    virtual const std::string& ip() const = 0;
    /// Whether private messages can reach it (a lab client's cannot: its protocol has none).
    virtual bool takesPrivate() const { return true; }

    /// Room-owned bookkeeping; only the Room writes it.
    struct Membership {
        std::string name;
        std::string key; // net::nameKey(name)
        net::Token token{};
        std::size_t index = 0; // position in the Room's member list
        bool joined = false;
        bool signedIn = false; // the name is registered and this participant proved it owns it
        bool lost = false; // its connection is gone; it stays in the room for the grace time (Room::leave)
        std::uint16_t version = 0; // the protocol version of its Hello
        // Private messages at or below this seq are not this session's to read (PrivateHistoryRequest): the
        // name's floor for a proven owner, the seq at its join for anyone else.
        std::uint64_t privateFloor = 0;
        // Cluster mode: its Hello carried the resume token of this name's session on another node (the client
        // failed over), so it is that session's owner (room_cluster.cpp, claimName).
        bool provenElsewhere = false;
        // Cluster mode: its Hello carried the token of a guest of this name that left lately, on whichever
        // node; that guest's private floor (it reads its earlier sessions' private messages again).
        std::optional<std::uint64_t> returningGuestFloor;
    };
    /// Set by the Room while the participant is in it.
    Membership membership;
};

} // namespace server

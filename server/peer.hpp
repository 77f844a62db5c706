#pragma once
// One accepted connection as the Registry keeps it, whatever it speaks: a Session (the imchat protocol) or a
// LabSession (the original lab's raw text). Both count toward --max-clients and --max-per-ip, have their
// deadlines checked by the one sweep, and are told to go when the server stops.
#include <chrono>
#include <string>

#include "net/messages.hpp"

namespace server {

class Peer {
public:
    virtual ~Peer() = default;

    /// Whether it counts toward --max-clients and --max-per-ip (refused ones do not).
    virtual bool counted() const = 0;
    /// The peer's address as the server sees it.
    virtual const std::string& ip() const = 0;
    /// Checks its deadlines; called periodically by the Registry.
    virtual void checkTimers(std::chrono::steady_clock::time_point now) = 0;
    /// Says why (as its protocol can), then closes.
    virtual void evict(net::ErrorCode code) = 0;
};

} // namespace server

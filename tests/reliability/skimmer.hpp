#pragma once
// Reads one client's socket as fast as the kernel hands the bytes over and decodes only the frames a test
// asks about (Error, Pong); the rest are counted by type and skipped by their length. A thousand clients'
// fan-out is more than one test thread can fully decode, and a test that decodes slowly turns every client
// into a slow reader.
//
// Usage:
//   reliability::Skimmer s;
//   while (s.skim(client.fd())) { ... }       // non-blocking; false once the server closed
//   s.count(net::MsgType::Chat); s.errors();   // what arrived
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "net/messages.hpp"

namespace reliability {

class Skimmer {
public:
    /// Reads what the socket holds now (at most a bounded share, so one busy socket cannot starve the
    /// others); returns false once the peer closed or reset the connection, or sent something that is not a
    /// frame.
    bool skim(int fd);
    bool closed() const { return m_closed; }

    /// Frames of this type received so far.
    std::uint64_t count(net::MsgType type) const { return m_counts[static_cast<std::uint8_t>(type)]; }
    std::uint64_t bytes() const { return m_bytes; }
    const std::vector<net::Error>& errors() const { return m_errors; }
    /// Nonces of the Pongs received, in arrival order.
    const std::vector<std::uint64_t>& pongs() const { return m_pongs; }

private:
    void walk();

    std::string m_partial; // the start of a frame whose end has not arrived yet
    std::array<std::uint64_t, 256> m_counts{};
    std::uint64_t m_bytes = 0;
    std::vector<net::Error> m_errors;
    std::vector<std::uint64_t> m_pongs;
    bool m_closed = false;
};

} // namespace reliability

#pragma once
// A TestClient that is already connected and joined: the first two steps of almost every server test.
//
// Usage:
//   support::JoinedClient alice(server.port(), "alice");
//   support::JoinedClient bob(server.port(), support::makeHello("bob", lastSeq));
//   CHECK(bob.joined().history.size() == 3);      // what the server replied to bob's Hello
//   alice.expect<net::Joined>();                   // and alice was told
#include <cstdint>
#include <string>

#include "support/test_client.hpp"

namespace support {

class JoinedClient : public TestClient {
public:
    /// Connects to 127.0.0.1:port and joins as name; throws as connect() and join() do.
    JoinedClient(std::uint16_t port, const std::string& name) : JoinedClient(port, makeHello(name)) {}
    /// Connects to 127.0.0.1:port and joins with hello (a resume state, a token).
    JoinedClient(std::uint16_t port, const net::Hello& hello) {
        connect(port);
        m_joined = join(hello);
    }

    /// What the server sent in reply to the Hello.
    const JoinResult& joined() const { return m_joined; }

private:
    JoinResult m_joined;
};

/// Connects to 127.0.0.1:port, sends hello and returns the Error that refuses it (throws if the server
/// answers anything else, a join included).
inline net::Error refusedHello(std::uint16_t port, const net::Hello& hello) {
    TestClient c;
    c.connect(port);
    c.send(hello);
    return c.expect<net::Error>(std::chrono::seconds(10));
}

} // namespace support

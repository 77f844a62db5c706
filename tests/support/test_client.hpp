#pragma once
// A blocking imchat protocol client for tests: plain POSIX socket, every wait bounded by a timeout.
// Shared by the server integration tests and the net::Connection tests: keep this interface stable.
//
// Usage:
//   support::TestClient alice;
//   alice.connect(server.port());
//   auto j = alice.join("alice");                        // Hello, then Welcome..Users collected
//   alice.send(net::Say{1, "hi"});
//   auto chat = alice.expect<net::Chat>();               // answers Pings; throws on anything else
//   CHECK(alice.isClosedByPeer(1s));
// Failures throw std::runtime_error with a readable description; doctest reports it as the test failure.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "net/codec.hpp"
#include "net/messages.hpp"

namespace support {

using namespace std::chrono_literals;

/// One line describing a message, e.g. "Error{name-taken, fatal=0, clientId=0, \"...\"}".
std::string describe(const net::Message& m);
/// The message type's name, e.g. "Welcome".
const char* typeName(net::MsgType type);
/// The name of message struct T.
template <typename T>
const char* typeName() {
    return typeName(net::typeOf(net::Message(T{})));
}

/// A Hello for name with the given resume state.
net::Hello makeHello(const std::string& name, std::uint64_t lastSeq = 0, std::uint64_t lastPrivateSeq = 0,
                     const net::Token& resumeToken = {});
/// A Hello that creates the account of name with password (Auth::Register) and joins.
net::Hello registerHello(const std::string& name, const std::string& password, bool remember = false);
/// A Hello that signs in to the registered name with its password (Auth::Password).
net::Hello loginHello(const std::string& name, const std::string& password, bool remember = false);
/// A Hello that signs in with a device token (Auth::DeviceToken).
net::Hello tokenHello(const std::string& name, const std::string& token);

/// Everything the server sends in reply to a successful Hello.
struct JoinResult {
    net::Welcome welcome;
    std::vector<net::Chat> history;     // replayed Chat frames, oldest first
    std::vector<net::Private> privates; // replayed Private frames (mailbox and private history), oldest first
    net::Live live;
    net::Users users;
};

class TestClient {
public:
    TestClient() = default;
    ~TestClient();
    TestClient(TestClient&& other) noexcept;
    TestClient& operator=(TestClient&& other) noexcept;
    TestClient(const TestClient&) = delete;
    TestClient& operator=(const TestClient&) = delete;

    /// Connects to host:port (blocking, at most timeout); throws on failure.
    void connect(std::uint16_t port, const std::string& host = "127.0.0.1",
                 std::chrono::milliseconds timeout = 5s);
    /// Connects to 127.0.0.1:port from another loopback address (127.0.0.2 ...): a second "machine".
    void connectFrom(const std::string& source, std::uint16_t port);
    /// Whether a socket is open.
    bool connected() const { return m_fd >= 0; }
    /// Closes the socket abruptly (no Bye).
    void close();
    /// The socket descriptor (for tests that need raw control), -1 when closed.
    int fd() const { return m_fd; }

    /// Encodes and sends one message; throws when the socket is gone.
    void send(const net::Message& m);
    /// Sends bytes exactly as given (malformed frames, partial frames).
    void sendRaw(std::string_view bytes);

    /// The next message, or nothing if none arrived within timeout or the peer closed (see peerClosed()).
    /// Throws when the server sends bytes that are not a valid frame.
    std::optional<net::Message> receive(std::chrono::milliseconds timeout = 5s);
    /// The next message that is not a Ping (Pings are answered with Pong); throws unless it is a T.
    template <typename T>
    T expect(std::chrono::milliseconds timeout = 5s);
    /// Like expect, but skips (and returns nothing for) messages of other types until a T or the timeout.
    template <typename T>
    std::optional<T> waitFor(std::chrono::milliseconds timeout = 5s);

    /// Sends hello and collects Welcome, history, privates, Live and Users; throws on an Error or anything
    /// else.
    JoinResult join(const net::Hello& hello, std::chrono::milliseconds timeout = 5s);
    /// Joins with name and no resume state.
    JoinResult join(const std::string& name, std::chrono::milliseconds timeout = 5s);

    /// Reads (and discards) until the server closes the connection: true if it did within timeout.
    bool isClosedByPeer(std::chrono::milliseconds timeout = 5s);
    /// Whether a receive already saw EOF or a reset.
    bool peerClosed() const { return m_peerClosed; }

private:
    /// Reads once (waiting at most until deadline); false on timeout or EOF.
    bool fill(std::chrono::steady_clock::time_point deadline);
    [[noreturn]] static void unexpected(const net::Message& m, const char* wanted);

    int m_fd = -1;
    std::string m_source; // connectFrom's address while it connects
    bool m_peerClosed = false;
    net::FrameDecoder m_decoder;
};

template <typename T>
T TestClient::expect(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto m = receive(std::max(left, std::chrono::milliseconds(0)));
        if (!m)
            throw std::runtime_error(
                std::string("expected ") + typeName<T>() +
                (m_peerClosed ? ", but the server closed the connection" : ", but nothing arrived in time"));
        if (auto* t = std::get_if<T>(&*m)) return std::move(*t);
        if (auto* ping = std::get_if<net::Ping>(&*m)) {
            send(net::Pong{ping->nonce});
            continue;
        }
        unexpected(*m, typeName<T>());
    }
}

template <typename T>
std::optional<T> TestClient::waitFor(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return std::nullopt;
        auto m = receive(left);
        if (!m) return std::nullopt;
        if (auto* t = std::get_if<T>(&*m)) return std::move(*t);
        if (auto* ping = std::get_if<net::Ping>(&*m)) send(net::Pong{ping->nonce});
    }
}

} // namespace support

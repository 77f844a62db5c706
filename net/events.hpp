#pragma once
// What the network thread tells the UI thread: small values moved through a lock-free SPSC queue.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "net/messages.hpp"

namespace net {

/// A TCP connect attempt started (attempt counts from 1 since the last success).
struct ConnectingEvent {
    std::string endpoint; // "host:port"
    unsigned attempt = 1;
    std::string name{}; // the name the Hello asks for (the window names it when the server refuses it)
};
/// TCP is up and Hello was sent; Welcome has not arrived yet.
struct ConnectedEvent {
    std::string endpoint;
};
/// The server's TLS key is not the one pinned for it (or none is pinned yet): nothing was sent, and the
/// connection stays down until the UI trusts the key (Connection::trust) or gives up.
struct ServerKeyEvent {
    std::string endpoint;
    std::string fingerprint; // of the key the server showed, 64 hex digits (net/fingerprint.hpp)
    std::string pinned;      // the key pinned before: "" on first contact, else the key has changed
};
/// A device token to keep (0600) instead of the password: log in with it next time.
struct DeviceTokenEvent {
    std::string token;
};
/// The connection is down. retryInMs >= 0: a reconnect is scheduled; < 0: not retrying (fatal error,
/// name refused, or closed by us) until the UI asks again.
/// Why a connection ended, for the window to explain in the user's language.
enum class DisconnectCause : std::uint8_t {
    Lost,           // the link dropped (reset, broken pipe)
    Resolve,        // the host name has no address
    Refused,        // nothing listens on that port
    Unreachable,    // no route to the host or its network
    ConnectTimeout, // no answer to the connection attempt
    ConnectFailed,  // any other reason the TCP connection failed (detail says which)
    Tls,            // the TLS handshake failed
    KeyUnknown,     // the server's key is not trusted yet
    KeyChanged,     // the server's key differs from the trusted one
    NoWelcome,      // connected, but the Hello got no answer in time
    ServerClosed,   // the server closed the connection without a word
    BadFrame,       // the server sent something this client cannot decode
    Silent,         // nothing heard from the server for too long
    Goodbye,        // the server said Bye
    ServerError,    // the server's Error (code) ended it
    Internal,       // a bug on our side (detail says what)
};
struct DisconnectedEvent {
    std::string reason; // in English, for logs
    std::int64_t retryInMs = -1;
    ErrorCode code = ErrorCode::None; // the server's error that ended the connection, if any
    DisconnectCause cause = DisconnectCause::Lost;
    std::string detail{}; // the system's words for ConnectFailed and Internal
};
/// Handshake done: who we are, who is online, and what was replayed before the "above is history" point.
struct WelcomeEvent {
    std::string you;
    std::string ip;
    std::uint32_t maxTextBytes = kDefaultMaxTextBytes;
    std::uint64_t latestSeq = 0;
    bool resumed = false;  // a reconnect that continued from the last seen sequence number
    bool encrypted = true; // over TLS, to the pinned key
    bool signedIn = false; // our name is registered and we proved we own it
    AccountPolicy accounts = AccountPolicy::Optional;
    std::vector<std::string> users;
    std::vector<Chat> history;     // oldest first; only messages not seen before when resumed
    std::vector<Private> privates; // mailbox and private history, oldest first
};

using Event = std::variant<ConnectingEvent, ConnectedEvent, DisconnectedEvent, WelcomeEvent, Chat, Private,
                           Joined, Left, Users, HistoryPage, Error, ServerKeyEvent, DeviceTokenEvent,
                           AccountUpdate, PrivateHistoryPage, Presence, RoomState>;

} // namespace net

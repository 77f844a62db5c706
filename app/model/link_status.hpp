#pragma once
// The state of the link to the server, as the top bar shows it.
#include <cstdint>
#include <string>

#include "net/messages.hpp"

namespace app {

enum class LinkState {
    NoName,
    Connecting,
    Joining,
    Online,
    Reconnecting,
    Offline,
    KeyUnknown, // first contact: the server's key waits for the user to trust it
    KeyChanged, // the server's key is not the one trusted before: blocked until the user decides
};

/// What the connect bar (and the trust and sign-in dialogs) show.
struct LinkStatus {
    LinkState state = LinkState::Offline;
    std::string endpoint;
    std::string asked;          // the name the last Hello asked for
    std::string reason;         // why it is offline or reconnecting, in the UI's language
    std::int64_t retryAtMs = 0; // steady clock, for "reconnecting in Ns"
    unsigned attempt = 0;
    bool encrypted = true; // the last join was over TLS (false: the top bar says so, always)
    bool signedIn = false; // our name is registered and we proved it
    bool readOnly = false; // the room takes no messages now: ours wait in the outbox
    net::AccountPolicy accounts = net::AccountPolicy::Optional;
    std::string serverKey; // KeyUnknown/KeyChanged: the key shown (64 hex digits)
    std::string pinnedKey; // KeyChanged: the key trusted before
    net::ErrorCode refusal =
        net::ErrorCode::None; // why the server refused our Hello (a password is needed...)
};

} // namespace app

#pragma once
// What went wrong, as a sentence in the UI's language that says what to do next: the server's errors by
// their code, and the reasons a connection ended by their cause (the network layer's English reason is
// for logs only).
#include <string>
#include <string_view>

#include "app/text/i18n.hpp"
#include "net/events.hpp"

namespace app {

/// The server's Error e; name: the name our Hello asked for (the refusal itself does not carry it).
std::string explainError(const Strings& s, const net::Error& e, std::string_view name);

/// Why the connection to endpoint ("host:port") ended.
std::string explainDisconnect(const Strings& s, const net::DisconnectedEvent& e, std::string_view endpoint,
                              std::string_view name);

} // namespace app

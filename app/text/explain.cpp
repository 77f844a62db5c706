#include "app/text/explain.hpp"

namespace app {

std::string explainError(const Strings& s, const net::Error& e, std::string_view name) {
    using net::ErrorCode;
    const std::string who(name); // the server's text for these is the error's own name
    switch (e.code) {
    case ErrorCode::NameTaken: return format(s.nameTaken, who.c_str());
    case ErrorCode::InvalidName: return format(s.invalidName, who.c_str());
    case ErrorCode::TextTooLong: return s.textTooLong;
    case ErrorCode::EmptyText: return s.emptyMessage;
    case ErrorCode::RateLimited: return s.rateLimited;
    case ErrorCode::InvalidText: return s.invalidText;
    case ErrorCode::StorageFailed: return s.storageFailed;
    case ErrorCode::InvalidRecipient: return s.invalidRecipient;
    case ErrorCode::AuthRequired: return s.authRequired;
    case ErrorCode::BadCredentials: return s.badCredentials;
    case ErrorCode::LoginThrottled: return s.loginThrottled;
    case ErrorCode::RegistrationRequired: return s.registrationRequired;
    case ErrorCode::AlreadyRegistered: return s.alreadyRegistered;
    case ErrorCode::WeakPassword: return s.weakPassword;
    case ErrorCode::AccountsDisabled: return s.accountsDisabled;
    case ErrorCode::RecipientOffline: return s.recipientOffline;
    case ErrorCode::SignedOut: return s.signedOut;
    case ErrorCode::MailboxFull: return s.mailboxFull;
    case ErrorCode::StoreUnavailable: return s.readOnlyBadge;
    case ErrorCode::Flooding: return s.errFlooding;
    case ErrorCode::ServerFull: return s.errServerFull;
    case ErrorCode::TooManyFromIp: return s.errTooManyFromIp;
    case ErrorCode::Timeout: return s.errTimeout;
    case ErrorCode::SlowReader: return s.errSlowReader;
    case ErrorCode::ShuttingDown: return s.errShuttingDown;
    case ErrorCode::Replaced: return s.errReplaced;
    case ErrorCode::None:
        return s.notConnected; // a request the connection could not send
    // The server refused what this client sent: only a client of another version (or a bug) does that.
    case ErrorCode::Malformed:
    case ErrorCode::FrameTooLarge:
    case ErrorCode::InvalidUtf8:
    case ErrorCode::UnknownType:
    case ErrorCode::HelloRequired:
    case ErrorCode::AlreadyJoined:
    case ErrorCode::BadVersion: break;
    }
    return format(s.errProtocol, net::errorName(e.code));
}

std::string explainDisconnect(const Strings& s, const net::DisconnectedEvent& e, std::string_view endpoint,
                              std::string_view name) {
    using net::DisconnectCause;
    const std::string where(endpoint);
    const std::string host = where.substr(0, where.rfind(':'));
    switch (e.cause) {
    case DisconnectCause::Lost: return s.reasonLost;
    case DisconnectCause::Resolve: return format(s.reasonResolve, host.c_str());
    case DisconnectCause::Refused: return format(s.reasonRefused, where.c_str());
    case DisconnectCause::Unreachable: return format(s.reasonUnreachable, host.c_str());
    case DisconnectCause::ConnectTimeout: return format(s.reasonConnectTimeout, where.c_str());
    case DisconnectCause::ConnectFailed:
        return format(s.reasonConnectFailed, where.c_str(), e.detail.c_str());
    case DisconnectCause::Tls: return format(s.reasonTls, where.c_str());
    case DisconnectCause::KeyUnknown: return format(s.stateKeyUnknown, where.c_str());
    case DisconnectCause::KeyChanged: return format(s.stateKeyChanged, where.c_str());
    case DisconnectCause::NoWelcome: return format(s.reasonNoWelcome, where.c_str());
    case DisconnectCause::ServerClosed: return s.reasonServerClosed;
    case DisconnectCause::BadFrame: return s.reasonBadFrame;
    case DisconnectCause::Silent: return s.reasonSilent;
    case DisconnectCause::Goodbye: return s.reasonGoodbye;
    case DisconnectCause::ServerError: {
        net::Error error;
        error.code = e.code;
        return explainError(s, error, name);
    }
    case DisconnectCause::Internal: break;
    }
    return format(s.reasonInternal, e.detail.c_str());
}

} // namespace app

#pragma once
// Every message of the imchat wire protocol as a plain value. net/PROTOCOL.md is the normative text;
// field order here is wire order.
#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace net {

/// This protocol's version (net/PROTOCOL.md): TLS, accounts.
constexpr std::uint16_t kProtocolVersion = 2;
/// The first version, still served to plaintext clients where the operator allows plaintext: guests only.
constexpr std::uint16_t kLegacyProtocolVersion = 1;
constexpr std::uint16_t kDefaultPort = 12000;
/// Largest payload (type byte + fields) a frame may carry; checked before any allocation.
constexpr std::uint32_t kMaxFrameBytes = 64 * 1024;
constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxNameCodePoints = 32;
constexpr std::size_t kDefaultMaxTextBytes = 4096;
constexpr std::uint16_t kMaxHistoryPage = 500;

using Token = std::array<std::uint8_t, 16>;
/// Whether t is all zero: no token (a first Hello's resume token).
inline bool isZero(const Token& t) {
    for (const auto b : t)
        if (b != 0) return false;
    return true;
}

enum class MsgType : std::uint8_t {
    Hello = 0x01,
    Say = 0x02,
    Whisper = 0x03,
    HistoryRequest = 0x04,
    UsersRequest = 0x05,
    Ping = 0x06,
    Pong = 0x07,
    Bye = 0x08,
    Register = 0x09,
    ChangePassword = 0x0A,
    PrivateHistoryRequest = 0x0B,
    Welcome = 0x81,
    Chat = 0x82,
    Private = 0x83,
    Joined = 0x84,
    Left = 0x85,
    Users = 0x86,
    HistoryPage = 0x87,
    Live = 0x88,
    DeviceToken = 0x89,
    AccountUpdate = 0x8A,
    PrivateHistoryPage = 0x8B,
    UsersPart = 0x8C,
    Presence = 0x8D,
    RoomState = 0x8E,
    Error = 0x8F,
};

enum class ErrorCode : std::uint16_t {
    None = 0,
    Malformed = 1,         // fatal: the payload does not match its type's layout
    FrameTooLarge = 2,     // fatal: length prefix is 0 or above the limit
    InvalidUtf8 = 3,       // the message is refused, the connection stays
    UnknownType = 4,       // the message is ignored, the connection stays
    HelloRequired = 5,     // fatal: anything but Hello/Ping/Bye before Welcome
    AlreadyJoined = 6,     // a second Hello is ignored
    BadVersion = 7,        // fatal
    InvalidName = 8,       // retry Hello with another name
    NameTaken = 9,         // retry Hello with another name
    TextTooLong = 10,      // the message is refused
    EmptyText = 11,        // the message is refused
    RateLimited = 12,      // the message is refused; slow down
    Flooding = 13,         // fatal: kept sending while rate limited
    ServerFull = 14,       // fatal
    TooManyFromIp = 15,    // fatal
    Timeout = 16,          // fatal: handshake or idle timeout
    SlowReader = 17,       // fatal: the client did not read its messages
    ShuttingDown = 18,     // fatal
    StorageFailed = 19,    // the message was not stored and was not delivered; retry later
    InvalidRecipient = 20, // the private message's target name is not a valid name
    Replaced = 21,         // fatal: the same user connected again and took the session over
    InvalidText = 22,      // the message is refused: control characters other than tab and newline
    AuthRequired = 23,     // the name is registered: send Hello again with its password or a device token
    BadCredentials = 24,   // wrong password, unknown or revoked device token (the same for unknown names)
    LoginThrottled = 25,   // too many failed logins from this address or for this name, or the server is busy
    RegistrationRequired = 26, // the server wants every name registered: register it, or log in
    AlreadyRegistered = 27,    // the name has an account already
    WeakPassword = 28,         // the new password is shorter than 8 characters or longer than 256 bytes
    AccountsDisabled = 29,     // the server has no accounts (--accounts off)
    RecipientOffline = 30,     // a private message to a name that is neither online nor registered: not kept
    SignedOut = 31,   // fatal: the operator reset the name's password or released it; sign in again (or not)
    MailboxFull = 32, // the offline recipient's mailbox holds all it may (or all the sender's address may)
    StoreUnavailable =
        33, // the room's store (a cluster's engine) cannot take messages now: keep it, send later
};

/// How a Hello proves its name (version 2).
enum class Auth : std::uint8_t {
    None = 0,        // a guest: only a name nobody registered
    Password = 1,    // secret = the account's password
    DeviceToken = 2, // secret = a token from an earlier DeviceToken
    Register = 3,    // create the account: secret = its new password
};
/// The server's account policy, as Welcome states it (version 2).
enum class AccountPolicy : std::uint8_t { Off = 0, Optional = 1, Required = 2 };
/// What AccountUpdate confirms.
enum class AccountChange : std::uint8_t { Registered = 1, PasswordChanged = 2 };

/// Why a user left, as carried by Left.
enum class LeaveReason : std::uint8_t { Bye = 0, ConnectionLost = 1, Timeout = 2, Kicked = 3, Replaced = 4 };

/// Flags of a Private message.
enum PrivateFlags : std::uint8_t {
    kPrivateStored = 0x01, // the recipient was offline: kept in its mailbox, delivered when it connects
    kPrivateReplay = 0x02, // sent again on join (mailbox or private history), not live
};

// ---- client -> server ----
struct Hello {
    std::uint16_t version = kProtocolVersion;
    std::string name;
    std::uint64_t lastSeq = 0;        // highest public seq already held; 0 = none
    std::uint64_t lastPrivateSeq = 0; // highest private seq already held; 0 = none
    Token resumeToken{};              // from an earlier Welcome; all zero = none
    // Version 2 only (a version 1 Hello ends with the token):
    Auth auth = Auth::None;
    std::string secret{};  // the password, or a device token, as auth says; "" for a guest
    bool remember = false; // send a DeviceToken for this device after the join
    bool operator==(const Hello&) const = default;
};
struct Say {
    std::uint64_t clientId = 0; // chosen by the client, echoed in Chat/Error to match them up
    std::string text;
    bool operator==(const Say&) const = default;
};
struct Whisper {
    std::uint64_t clientId = 0;
    std::string to;
    std::string text;
    bool operator==(const Whisper&) const = default;
};
struct HistoryRequest {
    std::uint64_t beforeSeq = 0; // return messages with seq < beforeSeq, newest first; 0 = from the latest
    std::uint16_t maxCount = 0;
    bool operator==(const HistoryRequest&) const = default;
};
/// Version 2: a page of older private messages from or to the sender's name (that it may read).
struct PrivateHistoryRequest {
    std::uint64_t beforeSeq = 0; // private seq; 0 = from the latest
    std::uint16_t maxCount = 0;
    bool operator==(const PrivateHistoryRequest&) const = default;
};
struct UsersRequest {
    bool operator==(const UsersRequest&) const = default;
};
struct Register {
    std::uint64_t clientId = 0; // echoed in the AccountUpdate or Error
    std::string password;
    bool remember = false; // send a DeviceToken too
    bool operator==(const Register&) const = default;
};
struct ChangePassword {
    std::uint64_t clientId = 0; // echoed in the AccountUpdate or Error
    std::string oldPassword;
    std::string newPassword;
    bool remember = false; // send a new DeviceToken (every earlier one is revoked)
    bool operator==(const ChangePassword&) const = default;
};
// ---- both directions ----
struct Ping {
    std::uint64_t nonce = 0;
    bool operator==(const Ping&) const = default;
};
struct Pong {
    std::uint64_t nonce = 0;
    bool operator==(const Pong&) const = default;
};
struct Bye {
    std::string reason;
    bool operator==(const Bye&) const = default;
};
// ---- server -> client ----
struct Welcome {
    std::uint16_t version = kProtocolVersion;
    std::string name;
    std::string ip;
    Token resumeToken{};
    std::uint64_t latestSeq = 0;
    std::uint32_t maxTextBytes = kDefaultMaxTextBytes;
    std::uint32_t heartbeatMs = 5000;
    // Version 2 only:
    bool signedIn = false; // the name is registered and this session proved it owns it
    AccountPolicy accounts = AccountPolicy::Optional;
    bool operator==(const Welcome&) const = default;
};
struct Chat {
    std::uint64_t seq = 0;
    std::uint64_t timeMs = 0; // server's UTC time, milliseconds since 1970
    std::string name;
    std::string ip;
    std::uint64_t clientId = 0;
    std::string text;
    bool operator==(const Chat&) const = default;
};
struct Private {
    std::uint64_t seq = 0; // server-wide private sequence
    std::uint64_t timeMs = 0;
    std::string from;
    std::string fromIp;
    std::string to;
    std::uint64_t clientId = 0;
    std::uint8_t flags = 0;
    std::string text;
    bool operator==(const Private&) const = default;
};
struct Joined {
    std::uint64_t timeMs = 0;
    std::string name;
    std::string ip;
    std::uint32_t online = 0;
    bool operator==(const Joined&) const = default;
};
struct Left {
    std::uint64_t timeMs = 0;
    std::string name;
    LeaveReason reason = LeaveReason::Bye;
    std::uint32_t online = 0;
    bool operator==(const Left&) const = default;
};
struct Users {
    std::vector<std::string> names;
    bool operator==(const Users&) const = default;
};
/// Version 2: the first part of a user list too long for one frame; the list ends with a Users.
struct UsersPart {
    std::vector<std::string> names;
    bool operator==(const UsersPart&) const = default;
};
/// Version 2: joins and departures taken together, when they come faster than the room announces them one
/// by one. Applied to a user list (left first, then joined) it gives the list as it is after them.
struct Presence {
    std::uint64_t timeMs = 0;        // when the last of them happened
    std::uint32_t online = 0;        // after them
    std::uint32_t joinedCount = 0;   // this server: joined.size()
    std::vector<std::string> joined; // online now, their presence changed in the batch
    std::uint32_t leftCount = 0;     // this server: left.size()
    std::vector<std::string> left;   // not online now, their presence changed in the batch
    bool operator==(const Presence&) const = default;
};
/// Whether the room takes messages now. A cluster node whose engine is unreachable (quorum lost, NATS down)
/// serves history but refuses new messages with StoreUnavailable until it says writable again.
struct RoomState {
    bool readOnly = false;
    std::string reason; // why, for people (empty when writable)
    bool operator==(const RoomState&) const = default;
};
struct HistoryPage {
    std::uint64_t beforeSeq = 0;
    bool more = false;          // older messages exist beyond this page
    std::vector<Chat> messages; // newest first
    bool operator==(const HistoryPage&) const = default;
};
struct PrivateHistoryPage {
    std::uint64_t beforeSeq = 0;
    bool more = false;
    std::vector<Private> messages; // newest first
    bool operator==(const PrivateHistoryPage&) const = default;
};
struct Live {
    std::uint64_t latestSeq = 0;
    std::uint32_t replayed = 0; // how many Chat frames came before this one since Welcome
    bool operator==(const Live&) const = default;
};
struct DeviceToken {
    std::string token; // log in with it (Auth::DeviceToken) instead of the password, until it is revoked
    bool operator==(const DeviceToken&) const = default;
};
struct AccountUpdate {
    std::uint64_t clientId = 0; // the Register's or ChangePassword's
    AccountChange change = AccountChange::Registered;
    bool operator==(const AccountUpdate&) const = default;
};
struct Error {
    ErrorCode code = ErrorCode::None;
    bool fatal = false;
    std::uint64_t clientId = 0; // the refused message, 0 when not about one
    std::string text;
    bool operator==(const Error&) const = default;
};

using Message =
    std::variant<Hello, Say, Whisper, HistoryRequest, UsersRequest, Ping, Pong, Bye, Register, ChangePassword,
                 Welcome, Chat, Private, Joined, Left, Users, HistoryPage, Live, DeviceToken, AccountUpdate,
                 Error, PrivateHistoryRequest, PrivateHistoryPage, UsersPart, Presence, RoomState>;

/// The wire type byte of a message.
MsgType typeOf(const Message& m);
/// The clientId a message carries (Say, Whisper, and the Chat, Private or Error about one); 0 for others.
inline std::uint64_t clientIdOf(const Message& m) {
    return std::visit(
        [](const auto& msg) -> std::uint64_t {
            if constexpr (requires { msg.clientId; }) return msg.clientId;
            else return 0;
        },
        m);
}
/// Short English name of an error code, for logs.
const char* errorName(ErrorCode code);
/// Whether the protocol says the connection closes after this error.
bool isFatal(ErrorCode code);

} // namespace net

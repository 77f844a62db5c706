#pragma once
// Every message of the imchat wire protocol as a plain value. net/PROTOCOL.md is the normative text;
// field order here is wire order.
#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace net {

constexpr std::uint16_t kProtocolVersion = 1;
constexpr std::uint16_t kDefaultPort = 12000;
/// Largest payload (type byte + fields) a frame may carry; checked before any allocation.
constexpr std::uint32_t kMaxFrameBytes = 64 * 1024;
constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxNameCodePoints = 32;
constexpr std::size_t kDefaultMaxTextBytes = 4096;
constexpr std::uint16_t kMaxHistoryPage = 500;

using Token = std::array<std::uint8_t, 16>;

enum class MsgType : std::uint8_t {
    Hello = 0x01,
    Say = 0x02,
    Whisper = 0x03,
    HistoryRequest = 0x04,
    UsersRequest = 0x05,
    Ping = 0x06,
    Pong = 0x07,
    Bye = 0x08,
    Welcome = 0x81,
    Chat = 0x82,
    Private = 0x83,
    Joined = 0x84,
    Left = 0x85,
    Users = 0x86,
    HistoryPage = 0x87,
    Live = 0x88,
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
};

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
struct UsersRequest {
    bool operator==(const UsersRequest&) const = default;
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
struct HistoryPage {
    std::uint64_t beforeSeq = 0;
    bool more = false;          // older messages exist beyond this page
    std::vector<Chat> messages; // newest first
    bool operator==(const HistoryPage&) const = default;
};
struct Live {
    std::uint64_t latestSeq = 0;
    std::uint32_t replayed = 0; // how many Chat frames came before this one since Welcome
    bool operator==(const Live&) const = default;
};
struct Error {
    ErrorCode code = ErrorCode::None;
    bool fatal = false;
    std::uint64_t clientId = 0; // the refused message, 0 when not about one
    std::string text;
    bool operator==(const Error&) const = default;
};

using Message = std::variant<Hello, Say, Whisper, HistoryRequest, UsersRequest, Ping, Pong, Bye, Welcome,
                             Chat, Private, Joined, Left, Users, HistoryPage, Live, Error>;

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

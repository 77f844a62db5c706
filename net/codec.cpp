#include "net/codec.hpp"

#include <type_traits>

#include "net/utf8.hpp"
#include "net/wire.hpp"

namespace net {

namespace {

using wire::Reader;
using wire::Writer;

// ---- field layouts, one function per message, shared by encode and decode ----

bool getBool(Reader& r, bool& v) {
    std::uint8_t b = 0;
    if (!r.u8(b) || b > 1) return false;
    v = b == 1;
    return true;
}

void put(Writer& w, const Hello& m) {
    w.u16(m.version);
    if (m.version != kProtocolVersion && m.version != kLegacyProtocolVersion) return;
    w.str(m.name);
    w.u64(m.lastSeq);
    w.u64(m.lastPrivateSeq);
    w.token(m.resumeToken);
    if (m.version == kLegacyProtocolVersion) return;
    w.u8(static_cast<std::uint8_t>(m.auth));
    w.str(m.secret);
    w.u8(m.remember ? 1 : 0);
}
bool get(Reader& r, Hello& m) {
    if (!r.u16(m.version)) return false;
    // Another version's Hello may be laid out differently: its version alone is read, so that the answer
    // is BadVersion whatever follows.
    if (m.version != kProtocolVersion && m.version != kLegacyProtocolVersion) {
        r.skipRest();
        return true;
    }
    if (!(r.str(m.name) && r.u64(m.lastSeq) && r.u64(m.lastPrivateSeq) && r.token(m.resumeToken)))
        return false;
    if (m.version == kLegacyProtocolVersion) return true;
    std::uint8_t auth = 0;
    if (!r.u8(auth) || auth > static_cast<std::uint8_t>(Auth::Register)) return false;
    m.auth = static_cast<Auth>(auth);
    return r.str(m.secret) && getBool(r, m.remember);
}

void put(Writer& w, const Say& m) {
    w.u64(m.clientId);
    w.str(m.text);
}
bool get(Reader& r, Say& m) { return r.u64(m.clientId) && r.str(m.text); }

void put(Writer& w, const Whisper& m) {
    w.u64(m.clientId);
    w.str(m.to);
    w.str(m.text);
}
bool get(Reader& r, Whisper& m) { return r.u64(m.clientId) && r.str(m.to) && r.str(m.text); }

void put(Writer& w, const HistoryRequest& m) {
    w.u64(m.beforeSeq);
    w.u16(m.maxCount);
}
bool get(Reader& r, HistoryRequest& m) { return r.u64(m.beforeSeq) && r.u16(m.maxCount); }

void put(Writer& w, const PrivateHistoryRequest& m) {
    w.u64(m.beforeSeq);
    w.u16(m.maxCount);
}
bool get(Reader& r, PrivateHistoryRequest& m) { return r.u64(m.beforeSeq) && r.u16(m.maxCount); }

void put(Writer&, const UsersRequest&) {}
bool get(Reader&, UsersRequest&) { return true; }

void put(Writer& w, const Ping& m) { w.u64(m.nonce); }
bool get(Reader& r, Ping& m) { return r.u64(m.nonce); }

void put(Writer& w, const Pong& m) { w.u64(m.nonce); }
bool get(Reader& r, Pong& m) { return r.u64(m.nonce); }

void put(Writer& w, const Bye& m) { w.str(m.reason); }
bool get(Reader& r, Bye& m) { return r.str(m.reason); }

void put(Writer& w, const Register& m) {
    w.u64(m.clientId);
    w.str(m.password);
    w.u8(m.remember ? 1 : 0);
}
bool get(Reader& r, Register& m) { return r.u64(m.clientId) && r.str(m.password) && getBool(r, m.remember); }

void put(Writer& w, const ChangePassword& m) {
    w.u64(m.clientId);
    w.str(m.oldPassword);
    w.str(m.newPassword);
    w.u8(m.remember ? 1 : 0);
}
bool get(Reader& r, ChangePassword& m) {
    return r.u64(m.clientId) && r.str(m.oldPassword) && r.str(m.newPassword) && getBool(r, m.remember);
}

void put(Writer& w, const Welcome& m) {
    w.u16(m.version);
    w.str(m.name);
    w.str(m.ip);
    w.token(m.resumeToken);
    w.u64(m.latestSeq);
    w.u32(m.maxTextBytes);
    w.u32(m.heartbeatMs);
    if (m.version == kLegacyProtocolVersion) return;
    w.u8(m.signedIn ? 1 : 0);
    w.u8(static_cast<std::uint8_t>(m.accounts));
}
bool get(Reader& r, Welcome& m) {
    if (!(r.u16(m.version) && r.str(m.name) && r.str(m.ip) && r.token(m.resumeToken) && r.u64(m.latestSeq) &&
          r.u32(m.maxTextBytes) && r.u32(m.heartbeatMs)))
        return false;
    if (m.version == kLegacyProtocolVersion) return true;
    std::uint8_t policy = 0;
    if (!getBool(r, m.signedIn) || !r.u8(policy) ||
        policy > static_cast<std::uint8_t>(AccountPolicy::Required))
        return false;
    m.accounts = static_cast<AccountPolicy>(policy);
    return true;
}

void put(Writer& w, const Chat& m) {
    w.u64(m.seq);
    w.u64(m.timeMs);
    w.str(m.name);
    w.str(m.ip);
    w.u64(m.clientId);
    w.str(m.text);
}
bool get(Reader& r, Chat& m) {
    return r.u64(m.seq) && r.u64(m.timeMs) && r.str(m.name) && r.str(m.ip) && r.u64(m.clientId) &&
           r.str(m.text);
}

void put(Writer& w, const Private& m) {
    w.u64(m.seq);
    w.u64(m.timeMs);
    w.str(m.from);
    w.str(m.fromIp);
    w.str(m.to);
    w.u64(m.clientId);
    w.u8(m.flags);
    w.str(m.text);
}
bool get(Reader& r, Private& m) {
    return r.u64(m.seq) && r.u64(m.timeMs) && r.str(m.from) && r.str(m.fromIp) && r.str(m.to) &&
           r.u64(m.clientId) && r.u8(m.flags) && r.str(m.text);
}

void put(Writer& w, const Joined& m) {
    w.u64(m.timeMs);
    w.str(m.name);
    w.str(m.ip);
    w.u32(m.online);
}
bool get(Reader& r, Joined& m) { return r.u64(m.timeMs) && r.str(m.name) && r.str(m.ip) && r.u32(m.online); }

void put(Writer& w, const Left& m) {
    w.u64(m.timeMs);
    w.str(m.name);
    w.u8(static_cast<std::uint8_t>(m.reason));
    w.u32(m.online);
}
bool get(Reader& r, Left& m) {
    std::uint8_t reason = 0;
    if (!(r.u64(m.timeMs) && r.str(m.name) && r.u8(reason) && r.u32(m.online))) return false;
    m.reason = static_cast<LeaveReason>(reason); // unknown reasons are kept: newer servers may add some
    return true;
}

// Users and UsersPart: a counted list of names.
template <typename List>
void putNames(Writer& w, const List& m) {
    w.u16(static_cast<std::uint16_t>(m.names.size()));
    for (const auto& n : m.names) w.str(n);
}
template <typename List>
bool getNames(Reader& r, List& m) {
    std::uint16_t n = 0;
    if (!r.u16(n)) return false;
    // Each name takes at least its 2-byte length: refuse counts the payload cannot hold before reserving.
    if (r.remaining() / 2 < n) return false;
    m.names.resize(n);
    for (auto& name : m.names)
        if (!r.str(name)) return false;
    return true;
}
void put(Writer& w, const Presence& m) {
    w.u64(m.timeMs);
    w.u32(m.online);
    w.u32(m.joinedCount);
    putNames(w, UsersPart{m.joined});
    w.u32(m.leftCount);
    putNames(w, UsersPart{m.left});
}
bool get(Reader& r, Presence& m) {
    UsersPart joined, left;
    if (!(r.u64(m.timeMs) && r.u32(m.online) && r.u32(m.joinedCount) && getNames(r, joined) &&
          r.u32(m.leftCount) && getNames(r, left)))
        return false;
    m.joined = std::move(joined.names);
    m.left = std::move(left.names);
    return true;
}
void put(Writer& w, const Users& m) { putNames(w, m); }
bool get(Reader& r, Users& m) { return getNames(r, m); }
void put(Writer& w, const UsersPart& m) { putNames(w, m); }
bool get(Reader& r, UsersPart& m) { return getNames(r, m); }

// HistoryPage and PrivateHistoryPage: beforeSeq, more, then a counted list of messages without type bytes.
template <typename Page>
void putPage(Writer& w, const Page& m) {
    w.u64(m.beforeSeq);
    w.u8(m.more ? 1 : 0);
    w.u16(static_cast<std::uint16_t>(m.messages.size()));
    for (const auto& c : m.messages) put(w, c);
}
// minItemBytes: the smallest encoding of one message, so a count the payload cannot hold allocates nothing.
template <typename Page>
bool getPage(Reader& r, Page& m, std::size_t minItemBytes) {
    std::uint8_t more = 0;
    std::uint16_t n = 0;
    if (!(r.u64(m.beforeSeq) && r.u8(more) && r.u16(n)) || more > 1) return false;
    m.more = more == 1;
    if (r.remaining() / minItemBytes < n) return false;
    m.messages.resize(n);
    for (auto& c : m.messages)
        if (!get(r, c)) return false;
    return true;
}

void put(Writer& w, const HistoryPage& m) { putPage(w, m); }
bool get(Reader& r, HistoryPage& m) { return getPage(r, m, 8 + 8 + 2 + 2 + 8 + 2); }
void put(Writer& w, const PrivateHistoryPage& m) { putPage(w, m); }
bool get(Reader& r, PrivateHistoryPage& m) { return getPage(r, m, 8 + 8 + 2 + 2 + 2 + 8 + 1 + 2); }

void put(Writer& w, const Live& m) {
    w.u64(m.latestSeq);
    w.u32(m.replayed);
}
bool get(Reader& r, Live& m) { return r.u64(m.latestSeq) && r.u32(m.replayed); }

void put(Writer& w, const RoomState& m) {
    w.u8(m.readOnly ? 1 : 0);
    w.str(m.reason);
}
bool get(Reader& r, RoomState& m) {
    std::uint8_t readOnly = 0;
    if (!(r.u8(readOnly) && r.str(m.reason)) || readOnly > 1) return false;
    m.readOnly = readOnly == 1;
    return true;
}

void put(Writer& w, const DeviceToken& m) { w.str(m.token); }
bool get(Reader& r, DeviceToken& m) { return r.str(m.token); }

void put(Writer& w, const AccountUpdate& m) {
    w.u64(m.clientId);
    w.u8(static_cast<std::uint8_t>(m.change));
}
bool get(Reader& r, AccountUpdate& m) {
    std::uint8_t change = 0;
    if (!r.u64(m.clientId) || !r.u8(change)) return false;
    m.change = static_cast<AccountChange>(change); // unknown changes are kept: newer servers may add some
    return true;
}

void put(Writer& w, const Error& m) {
    w.u16(static_cast<std::uint16_t>(m.code));
    w.u8(m.fatal ? 1 : 0);
    w.u64(m.clientId);
    w.str(m.text);
}
bool get(Reader& r, Error& m) {
    std::uint16_t code = 0;
    std::uint8_t fatal = 0;
    if (!(r.u16(code) && r.u8(fatal) && r.u64(m.clientId) && r.str(m.text)) || fatal > 1) return false;
    m.code = static_cast<ErrorCode>(code);
    m.fatal = fatal == 1;
    return true;
}

// ---- UTF-8: every string field of every message must be valid ----
bool valid(const std::string& s) { return utf8::isValid(s); }
bool allUtf8(const Hello& m) { return valid(m.name) && valid(m.secret); }
bool allUtf8(const Register& m) { return valid(m.password); }
bool allUtf8(const ChangePassword& m) { return valid(m.oldPassword) && valid(m.newPassword); }
bool allUtf8(const DeviceToken& m) { return valid(m.token); }
bool allUtf8(const Say& m) { return valid(m.text); }
bool allUtf8(const Whisper& m) { return valid(m.to) && valid(m.text); }
bool allUtf8(const Bye& m) { return valid(m.reason); }
bool allUtf8(const Welcome& m) { return valid(m.name) && valid(m.ip); }
bool allUtf8(const Chat& m) { return valid(m.name) && valid(m.ip) && valid(m.text); }
bool allUtf8(const Private& m) { return valid(m.from) && valid(m.fromIp) && valid(m.to) && valid(m.text); }
bool allUtf8(const Joined& m) { return valid(m.name) && valid(m.ip); }
bool allUtf8(const Left& m) { return valid(m.name); }
bool allUtf8(const Error& m) { return valid(m.text); }
bool allUtf8(const RoomState& m) { return valid(m.reason); }
template <typename List>
bool allNamesUtf8(const List& m) {
    for (const auto& n : m.names)
        if (!valid(n)) return false;
    return true;
}
bool allUtf8(const Users& m) { return allNamesUtf8(m); }
bool allUtf8(const UsersPart& m) { return allNamesUtf8(m); }
bool allUtf8(const Presence& m) {
    return allNamesUtf8(UsersPart{m.joined}) && allNamesUtf8(UsersPart{m.left});
}
bool allUtf8(const HistoryPage& m) {
    for (const auto& c : m.messages)
        if (!allUtf8(c)) return false;
    return true;
}
bool allUtf8(const PrivateHistoryPage& m) {
    for (const auto& p : m.messages)
        if (!allUtf8(p)) return false;
    return true;
}
template <typename T>
bool allUtf8(const T&) {
    return true; // no string fields
}

template <typename T>
ErrorCode decodeAs(Reader& r, Message& out) {
    T m;
    if (!get(r, m) || !r.atEnd()) return ErrorCode::Malformed;
    const bool utf8Ok = allUtf8(m);
    out = std::move(m);
    return utf8Ok ? ErrorCode::None : ErrorCode::InvalidUtf8;
}

constexpr std::size_t kLengthPrefixBytes = 4;

} // namespace

MsgType typeOf(const Message& m) {
    static constexpr MsgType kTypes[] = {
        MsgType::Hello,
        MsgType::Say,
        MsgType::Whisper,
        MsgType::HistoryRequest,
        MsgType::UsersRequest,
        MsgType::Ping,
        MsgType::Pong,
        MsgType::Bye,
        MsgType::Register,
        MsgType::ChangePassword,
        MsgType::Welcome,
        MsgType::Chat,
        MsgType::Private,
        MsgType::Joined,
        MsgType::Left,
        MsgType::Users,
        MsgType::HistoryPage,
        MsgType::Live,
        MsgType::DeviceToken,
        MsgType::AccountUpdate,
        MsgType::Error,
        MsgType::PrivateHistoryRequest,
        MsgType::PrivateHistoryPage,
        MsgType::UsersPart,
        MsgType::Presence,
        MsgType::RoomState,
    };
    static_assert(std::size(kTypes) == std::variant_size_v<Message>);
    return kTypes[m.index()];
}

void encode(const Message& m, std::string& out) {
    const std::size_t start = out.size();
    out.append(kLengthPrefixBytes, '\0');
    Writer w(out);
    w.u8(static_cast<std::uint8_t>(typeOf(m)));
    std::visit([&](const auto& msg) { put(w, msg); }, m);
    const auto len = static_cast<std::uint32_t>(out.size() - start - kLengthPrefixBytes);
    for (std::size_t i = 0; i < kLengthPrefixBytes; ++i)
        out[start + i] = static_cast<char>((len >> (8 * (kLengthPrefixBytes - 1 - i))) & 0xFF);
}

std::string encode(const Message& m) {
    std::string out;
    encode(m, out);
    return out;
}

ErrorCode decodePayload(std::string_view payload, Message& out) {
    Reader r(payload);
    std::uint8_t type = 0;
    if (!r.u8(type)) return ErrorCode::Malformed;
    switch (static_cast<MsgType>(type)) {
    case MsgType::Hello: return decodeAs<Hello>(r, out);
    case MsgType::Say: return decodeAs<Say>(r, out);
    case MsgType::Whisper: return decodeAs<Whisper>(r, out);
    case MsgType::HistoryRequest: return decodeAs<HistoryRequest>(r, out);
    case MsgType::UsersRequest: return decodeAs<UsersRequest>(r, out);
    case MsgType::Ping: return decodeAs<Ping>(r, out);
    case MsgType::Pong: return decodeAs<Pong>(r, out);
    case MsgType::Bye: return decodeAs<Bye>(r, out);
    case MsgType::Register: return decodeAs<Register>(r, out);
    case MsgType::ChangePassword: return decodeAs<ChangePassword>(r, out);
    case MsgType::Welcome: return decodeAs<Welcome>(r, out);
    case MsgType::Chat: return decodeAs<Chat>(r, out);
    case MsgType::Private: return decodeAs<Private>(r, out);
    case MsgType::Joined: return decodeAs<Joined>(r, out);
    case MsgType::Left: return decodeAs<Left>(r, out);
    case MsgType::Users: return decodeAs<Users>(r, out);
    case MsgType::HistoryPage: return decodeAs<HistoryPage>(r, out);
    case MsgType::Live: return decodeAs<Live>(r, out);
    case MsgType::DeviceToken: return decodeAs<DeviceToken>(r, out);
    case MsgType::AccountUpdate: return decodeAs<AccountUpdate>(r, out);
    case MsgType::Error: return decodeAs<Error>(r, out);
    case MsgType::PrivateHistoryRequest: return decodeAs<PrivateHistoryRequest>(r, out);
    case MsgType::PrivateHistoryPage: return decodeAs<PrivateHistoryPage>(r, out);
    case MsgType::UsersPart: return decodeAs<UsersPart>(r, out);
    case MsgType::Presence: return decodeAs<Presence>(r, out);
    case MsgType::RoomState: return decodeAs<RoomState>(r, out);
    }
    return ErrorCode::UnknownType;
}

void FrameDecoder::feed(std::string_view bytes) {
    if (m_broken) return; // nothing after a fatal error can be framed reliably
    // Compact lazily: drop consumed bytes once they outweigh what is left, so the buffer stays O(frame).
    if (m_pos > 0 && m_pos >= m_buf.size() - m_pos) {
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
    m_buf.append(bytes.data(), bytes.size());
}

DecodeStatus FrameDecoder::next(Message& out) {
    if (m_broken) return DecodeStatus::Bad;
    m_error = ErrorCode::None;
    if (buffered() < kLengthPrefixBytes) return DecodeStatus::NeedMore;
    std::uint32_t len = 0;
    for (std::size_t i = 0; i < kLengthPrefixBytes; ++i)
        len = (len << 8) | static_cast<unsigned char>(m_buf[m_pos + i]);
    // The length is checked before we wait for (and so buffer) the body.
    if (len == 0 || len > m_maxFrame) {
        m_error = ErrorCode::FrameTooLarge;
        m_broken = true;
        return DecodeStatus::Bad;
    }
    if (buffered() < kLengthPrefixBytes + len) return DecodeStatus::NeedMore;
    const std::string_view payload(m_buf.data() + m_pos + kLengthPrefixBytes, len);
    m_pos += kLengthPrefixBytes + len;
    // Server-to-client types have the high bit set (PROTOCOL.md §4).
    const bool serverType = (static_cast<unsigned char>(payload[0]) & 0x80) != 0;
    m_error = m_accept == Accept::ClientMessages && serverType ? ErrorCode::UnknownType
                                                               : decodePayload(payload, out);
    if (m_pos == m_buf.size()) {
        m_buf.clear();
        m_pos = 0;
    }
    if (m_error == ErrorCode::None) return DecodeStatus::Complete;
    if (isFatal(m_error)) m_broken = true;
    return DecodeStatus::Bad;
}

const char* errorName(ErrorCode code) {
    switch (code) {
    case ErrorCode::None: return "none";
    case ErrorCode::Malformed: return "malformed";
    case ErrorCode::FrameTooLarge: return "frame-too-large";
    case ErrorCode::InvalidUtf8: return "invalid-utf8";
    case ErrorCode::UnknownType: return "unknown-type";
    case ErrorCode::HelloRequired: return "hello-required";
    case ErrorCode::AlreadyJoined: return "already-joined";
    case ErrorCode::BadVersion: return "bad-version";
    case ErrorCode::InvalidName: return "invalid-name";
    case ErrorCode::NameTaken: return "name-taken";
    case ErrorCode::TextTooLong: return "text-too-long";
    case ErrorCode::EmptyText: return "empty-text";
    case ErrorCode::RateLimited: return "rate-limited";
    case ErrorCode::Flooding: return "flooding";
    case ErrorCode::ServerFull: return "server-full";
    case ErrorCode::TooManyFromIp: return "too-many-from-ip";
    case ErrorCode::Timeout: return "timeout";
    case ErrorCode::SlowReader: return "slow-reader";
    case ErrorCode::ShuttingDown: return "shutting-down";
    case ErrorCode::StorageFailed: return "storage-failed";
    case ErrorCode::InvalidRecipient: return "invalid-recipient";
    case ErrorCode::Replaced: return "replaced";
    case ErrorCode::InvalidText: return "invalid-text";
    case ErrorCode::AuthRequired: return "auth-required";
    case ErrorCode::BadCredentials: return "bad-credentials";
    case ErrorCode::LoginThrottled: return "login-throttled";
    case ErrorCode::RegistrationRequired: return "registration-required";
    case ErrorCode::AlreadyRegistered: return "already-registered";
    case ErrorCode::WeakPassword: return "weak-password";
    case ErrorCode::AccountsDisabled: return "accounts-disabled";
    case ErrorCode::RecipientOffline: return "recipient-offline";
    case ErrorCode::SignedOut: return "signed-out";
    case ErrorCode::MailboxFull: return "mailbox-full";
    case ErrorCode::StoreUnavailable: return "store-unavailable";
    }
    return "unknown-error";
}

bool isFatal(ErrorCode code) {
    switch (code) {
    case ErrorCode::Malformed:
    case ErrorCode::FrameTooLarge:
    case ErrorCode::HelloRequired:
    case ErrorCode::BadVersion:
    case ErrorCode::Flooding:
    case ErrorCode::ServerFull:
    case ErrorCode::TooManyFromIp:
    case ErrorCode::Timeout:
    case ErrorCode::SlowReader:
    case ErrorCode::ShuttingDown:
    case ErrorCode::Replaced:
    case ErrorCode::SignedOut: return true;
    default: return false;
    }
}

} // namespace net

#include "test_client.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace support {

namespace {

using Clock = std::chrono::steady_clock;

int millisLeft(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

std::string quoted(const std::string& s) {
    constexpr std::size_t kShown = 60;
    return "\"" + (s.size() > kShown ? s.substr(0, kShown) + "..." : s) + "\"";
}

struct Describer {
    std::string operator()(const net::Hello& m) const { return "Hello{" + quoted(m.name) + "}"; }
    std::string operator()(const net::Say& m) const {
        return "Say{" + std::to_string(m.clientId) + ", " + quoted(m.text) + "}";
    }
    std::string operator()(const net::Whisper& m) const {
        return "Whisper{to " + quoted(m.to) + ", " + quoted(m.text) + "}";
    }
    std::string operator()(const net::HistoryRequest& m) const {
        return "HistoryRequest{before " + std::to_string(m.beforeSeq) + ", " + std::to_string(m.maxCount) +
               "}";
    }
    std::string operator()(const net::PrivateHistoryRequest& m) const {
        return "PrivateHistoryRequest{before " + std::to_string(m.beforeSeq) + ", " +
               std::to_string(m.maxCount) + "}";
    }
    std::string operator()(const net::UsersRequest&) const { return "UsersRequest{}"; }
    std::string operator()(const net::Ping& m) const { return "Ping{" + std::to_string(m.nonce) + "}"; }
    std::string operator()(const net::Pong& m) const { return "Pong{" + std::to_string(m.nonce) + "}"; }
    std::string operator()(const net::Bye& m) const { return "Bye{" + quoted(m.reason) + "}"; }
    std::string operator()(const net::Register& m) const {
        return "Register{" + std::to_string(m.clientId) + "}";
    }
    std::string operator()(const net::ChangePassword& m) const {
        return "ChangePassword{" + std::to_string(m.clientId) + "}";
    }
    std::string operator()(const net::DeviceToken&) const { return "DeviceToken{...}"; }
    std::string operator()(const net::AccountUpdate& m) const {
        return "AccountUpdate{" + std::to_string(m.clientId) + ", " +
               std::to_string(static_cast<int>(m.change)) + "}";
    }
    std::string operator()(const net::Welcome& m) const {
        return "Welcome{" + quoted(m.name) + ", latest " + std::to_string(m.latestSeq) +
               (m.signedIn ? ", signed in" : "") + "}";
    }
    std::string operator()(const net::Chat& m) const {
        return "Chat{seq " + std::to_string(m.seq) + ", " + quoted(m.name) + ", " + quoted(m.text) + "}";
    }
    std::string operator()(const net::Private& m) const {
        return "Private{pseq " + std::to_string(m.seq) + ", " + quoted(m.from) + " -> " + quoted(m.to) +
               ", flags " + std::to_string(m.flags) + ", " + quoted(m.text) + "}";
    }
    std::string operator()(const net::Joined& m) const {
        return "Joined{" + quoted(m.name) + ", online " + std::to_string(m.online) + "}";
    }
    std::string operator()(const net::Left& m) const {
        return "Left{" + quoted(m.name) + ", reason " + std::to_string(static_cast<int>(m.reason)) +
               ", online " + std::to_string(m.online) + "}";
    }
    std::string operator()(const net::Users& m) const {
        return "Users{" + std::to_string(m.names.size()) + " names}";
    }
    std::string operator()(const net::Presence& m) const {
        return "Presence{joined " + std::to_string(m.joinedCount) + ", left " + std::to_string(m.leftCount) +
               ", online " + std::to_string(m.online) + "}";
    }
    std::string operator()(const net::RoomState& m) const {
        return "RoomState{readOnly=" + std::to_string(m.readOnly) + ", " + quoted(m.reason) + "}";
    }
    std::string operator()(const net::UsersPart& m) const {
        return "UsersPart{" + std::to_string(m.names.size()) + " names}";
    }
    std::string operator()(const net::HistoryPage& m) const {
        return "HistoryPage{before " + std::to_string(m.beforeSeq) + ", " +
               std::to_string(m.messages.size()) + " messages, more " + std::to_string(m.more) + "}";
    }
    std::string operator()(const net::PrivateHistoryPage& m) const {
        return "PrivateHistoryPage{before " + std::to_string(m.beforeSeq) + ", " +
               std::to_string(m.messages.size()) + " messages, more " + std::to_string(m.more) + "}";
    }
    std::string operator()(const net::Live& m) const {
        return "Live{latest " + std::to_string(m.latestSeq) + ", replayed " + std::to_string(m.replayed) +
               "}";
    }
    std::string operator()(const net::Error& m) const {
        return std::string("Error{") + net::errorName(m.code) + ", fatal=" + std::to_string(m.fatal) +
               ", clientId=" + std::to_string(m.clientId) + ", " + quoted(m.text) + "}";
    }
};

} // namespace

std::string describe(const net::Message& m) { return std::visit(Describer{}, m); }

const char* typeName(net::MsgType type) {
    switch (type) {
    case net::MsgType::Hello: return "Hello";
    case net::MsgType::Say: return "Say";
    case net::MsgType::Whisper: return "Whisper";
    case net::MsgType::HistoryRequest: return "HistoryRequest";
    case net::MsgType::UsersRequest: return "UsersRequest";
    case net::MsgType::Ping: return "Ping";
    case net::MsgType::Pong: return "Pong";
    case net::MsgType::Bye: return "Bye";
    case net::MsgType::Register: return "Register";
    case net::MsgType::ChangePassword: return "ChangePassword";
    case net::MsgType::DeviceToken: return "DeviceToken";
    case net::MsgType::AccountUpdate: return "AccountUpdate";
    case net::MsgType::Welcome: return "Welcome";
    case net::MsgType::Chat: return "Chat";
    case net::MsgType::Private: return "Private";
    case net::MsgType::Joined: return "Joined";
    case net::MsgType::Left: return "Left";
    case net::MsgType::Users: return "Users";
    case net::MsgType::UsersPart: return "UsersPart";
    case net::MsgType::Presence: return "Presence";
    case net::MsgType::RoomState: return "RoomState";
    case net::MsgType::HistoryPage: return "HistoryPage";
    case net::MsgType::PrivateHistoryRequest: return "PrivateHistoryRequest";
    case net::MsgType::PrivateHistoryPage: return "PrivateHistoryPage";
    case net::MsgType::Live: return "Live";
    case net::MsgType::Error: return "Error";
    }
    return "?";
}

net::Hello makeHello(const std::string& name, std::uint64_t lastSeq, std::uint64_t lastPrivateSeq,
                     const net::Token& resumeToken) {
    net::Hello h;
    h.name = name;
    h.lastSeq = lastSeq;
    h.lastPrivateSeq = lastPrivateSeq;
    h.resumeToken = resumeToken;
    return h;
}

net::Hello registerHello(const std::string& name, const std::string& password, bool remember) {
    net::Hello h = makeHello(name);
    h.auth = net::Auth::Register;
    h.secret = password;
    h.remember = remember;
    return h;
}

net::Hello loginHello(const std::string& name, const std::string& password, bool remember) {
    net::Hello h = makeHello(name);
    h.auth = net::Auth::Password;
    h.secret = password;
    h.remember = remember;
    return h;
}

net::Hello tokenHello(const std::string& name, const std::string& token) {
    net::Hello h = makeHello(name);
    h.auth = net::Auth::DeviceToken;
    h.secret = token;
    return h;
}

TestClient::~TestClient() { close(); }

TestClient::TestClient(TestClient&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_peerClosed(other.m_peerClosed),
      m_decoder(std::move(other.m_decoder)) {}

TestClient& TestClient::operator=(TestClient&& other) noexcept {
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
        m_peerClosed = other.m_peerClosed;
        m_decoder = std::move(other.m_decoder);
    }
    return *this;
}

void TestClient::connectFrom(const std::string& source, std::uint16_t port) {
    m_source = source;
    try {
        connect(port);
    } catch (...) {
        m_source.clear();
        throw;
    }
    m_source.clear();
}

void TestClient::connect(std::uint16_t port, const std::string& host, std::chrono::milliseconds timeout) {
    close();
    m_decoder = net::FrameDecoder();
    m_peerClosed = false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
        throw std::runtime_error("bad IPv4 address " + host);
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (!m_source.empty()) {
        sockaddr_in from{};
        from.sin_family = AF_INET;
        if (inet_pton(AF_INET, m_source.c_str(), &from.sin_addr) != 1 ||
            ::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
            close();
            throw std::runtime_error("cannot connect from " + m_source);
        }
    }
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        const std::string why = std::strerror(errno);
        close();
        throw std::runtime_error("connect to " + host + ":" + std::to_string(port) + ": " + why);
    }
    pollfd p{m_fd, POLLOUT, 0};
    int err = 0;
    socklen_t len = sizeof err;
    if (poll(&p, 1, static_cast<int>(timeout.count())) != 1 ||
        getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
        const std::string why = err ? std::strerror(err) : "timed out";
        close();
        throw std::runtime_error("connect to " + host + ":" + std::to_string(port) + ": " + why);
    }
}

void TestClient::close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

void TestClient::send(const net::Message& m) { sendRaw(net::encode(m)); }

void TestClient::sendRaw(std::string_view bytes) {
    if (m_fd < 0) throw std::runtime_error("send on a closed TestClient");
    const auto deadline = Clock::now() + 10s;
    while (!bytes.empty()) {
        const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{m_fd, POLLOUT, 0};
            if (poll(&p, 1, millisLeft(deadline)) == 0) throw std::runtime_error("send blocked for 10 s");
        } else if (n < 0 && errno != EINTR) {
            throw std::runtime_error(std::string("send: ") + std::strerror(errno));
        }
    }
}

bool TestClient::fill(Clock::time_point deadline) {
    if (m_fd < 0 || m_peerClosed) return false;
    char buf[16 * 1024];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n > 0) {
            m_decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
            return true;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            m_peerClosed = true; // EOF or reset
            return false;
        }
        pollfd p{m_fd, POLLIN, 0};
        if (poll(&p, 1, millisLeft(deadline)) == 0) return false;
    }
}

std::optional<net::Message> TestClient::receive(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        net::Message m;
        switch (m_decoder.next(m)) {
        case net::DecodeStatus::Complete: return m;
        case net::DecodeStatus::Bad:
            throw std::runtime_error(std::string("the server sent an invalid frame: ") +
                                     net::errorName(m_decoder.error()));
        case net::DecodeStatus::NeedMore: break;
        }
        if (!fill(deadline)) return std::nullopt;
    }
}

void TestClient::unexpected(const net::Message& m, const char* wanted) {
    throw std::runtime_error(std::string("expected ") + wanted + ", got " + describe(m));
}

JoinResult TestClient::join(const net::Hello& hello, std::chrono::milliseconds timeout) {
    send(hello);
    JoinResult r;
    r.welcome = expect<net::Welcome>(timeout);
    for (;;) {
        auto m = receive(timeout);
        if (!m) throw std::runtime_error("join: the sequence stopped before Live");
        if (auto* c = std::get_if<net::Chat>(&*m)) {
            r.history.push_back(std::move(*c));
        } else if (auto* p = std::get_if<net::Private>(&*m)) {
            r.privates.push_back(std::move(*p));
        } else if (auto* l = std::get_if<net::Live>(&*m)) {
            r.live = *l;
            break;
        } else if (!std::holds_alternative<net::Ping>(*m)) {
            unexpected(*m, "Chat, Private or Live");
        }
    }
    // A long list comes in parts (UsersPart frames, then the Users that ends it).
    for (;;) {
        auto m = receive(timeout);
        if (!m) throw std::runtime_error("join: the sequence stopped before Users");
        if (auto* part = std::get_if<net::UsersPart>(&*m)) {
            r.users.names.insert(r.users.names.end(), part->names.begin(), part->names.end());
        } else if (auto* users = std::get_if<net::Users>(&*m)) {
            r.users.names.insert(r.users.names.end(), users->names.begin(), users->names.end());
            return r;
        } else {
            unexpected(*m, "UsersPart or Users");
        }
    }
}

JoinResult TestClient::join(const std::string& name, std::chrono::milliseconds timeout) {
    return join(makeHello(name), timeout);
}

bool TestClient::isClosedByPeer(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!m_peerClosed) {
        if (!fill(deadline) && !m_peerClosed) return false;
    }
    return true;
}

} // namespace support

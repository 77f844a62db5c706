#pragma once
// The client's protocol state, without any I/O: turns server messages into UI events, keeps the outbox,
// the resume point (lastSeq, lastPrivateSeq, resume token) and the join collection. Connection owns the
// socket and feeds this class; tests can drive it with plain messages. Network thread only.
#include <cstdint>
#include <string>
#include <vector>

#include "net/events.hpp"
#include "net/outbox.hpp"

namespace net {

class ClientSession {
public:
    /// What the session asks of its owner.
    class Sink {
    public:
        virtual ~Sink() = default;
        /// Hands an event to the UI.
        virtual void emit(Event event) = 0;
        /// Sends a message to the server (ignored when no connection is up).
        virtual void send(const Message& message) = 0;
        /// An outbox entry left for good (acknowledged or refused); its slot is free again.
        virtual void released(std::uint64_t clientId) = 0;
    };

    enum class Verdict { Continue, Retry, Stop };
    /// What to do with the connection after a message: go on, reconnect with backoff, or stop retrying.
    struct Outcome {
        Verdict verdict = Verdict::Continue;
        std::string reason;
        ErrorCode code = ErrorCode::None;
    };

    /// How the Hello proves the name: nothing (a guest), a password, a device token, or a new account.
    struct Credentials {
        Auth auth = Auth::None;
        std::string secret{};
        bool remember = false; // ask for a device token
    };

    explicit ClientSession(std::string name) : m_name(std::move(name)) {}

    /// Starts a handshake on a fresh connection and returns the Hello to send.
    Hello begin();
    /// The connection is gone; a join that did not finish is forgotten (the server will replay it).
    void end();
    /// Handles one decoded message from the server.
    Outcome onMessage(Message message, Sink& sink);
    /// Takes a Say or Whisper (clientId already set) from the UI: checked, then kept until acknowledged.
    void submit(Message message, Sink& sink);
    /// Sends up to max kept messages not yet sent on this connection, in order (only once joined).
    /// The owner paces this so a burst of typed-ahead messages stays within the server's rate limit.
    std::size_t sendQueued(Sink& sink, std::size_t max);
    /// Whether kept messages wait to be sent on this connection (not while a trimmed replay is searched for
    /// their echoes).
    bool hasQueued() const { return !reconciling() && !m_readOnly && m_outbox.hasUnsent(); }
    /// Whether the room said it takes no messages now (RoomState): kept messages wait until it does.
    bool readOnly() const { return m_readOnly; }
    /// Whether the gap before a trimmed replay is being searched for the echoes of kept messages.
    bool reconciling() const { return m_reconcileBefore != 0; }
    /// Uses another name from the next Hello on (the private resume point and token belong to the old name).
    void setName(std::string name);
    /// Proves the name this way from the next Hello on.
    void setCredentials(Credentials c) { m_credentials = std::move(c); }
    /// Registers the name we joined as (a guest) with password; the answer is an AccountUpdate or an Error
    /// with clientId. False when not joined.
    bool registerName(std::uint64_t clientId, std::string password, bool remember, Sink& sink);
    /// Changes our password (signed in); the same answers. False when not joined.
    bool changePassword(std::uint64_t clientId, std::string oldPassword, std::string newPassword,
                        bool remember, Sink& sink);
    /// Whether the last Welcome said we own our (registered) name.
    bool signedIn() const { return m_signedIn; }

    const std::string& name() const { return m_name; }
    bool welcomed() const { return m_phase != Phase::Offline && m_phase != Phase::AwaitWelcome; }
    bool joined() const { return m_phase == Phase::Joined; }
    std::uint32_t heartbeatMs() const { return m_heartbeatMs; }
    std::uint64_t lastSeq() const { return m_lastSeq; }
    std::uint64_t lastPrivateSeq() const { return m_lastPrivateSeq; }
    std::size_t outboxSize() const { return m_outbox.size(); }

private:
    enum class Phase { Offline, AwaitWelcome, Replaying, AwaitUsers, Joined };

    Outcome handle(Welcome& m, Sink& sink);
    Outcome handle(Chat& m, Sink& sink);
    Outcome handle(Private& m, Sink& sink);
    Outcome handle(Live& m, Sink& sink);
    Outcome handle(Users& m, Sink& sink);
    Outcome handle(UsersPart& m, Sink& sink);
    Outcome handle(Presence& m, Sink& sink);
    Outcome handle(RoomState& m, Sink& sink);
    Outcome handle(Joined& m, Sink& sink);
    Outcome handle(Left& m, Sink& sink);
    Outcome handle(HistoryPage& m, Sink& sink);
    Outcome handle(PrivateHistoryPage& m, Sink& sink);
    Outcome handle(Ping& m, Sink& sink);
    Outcome handle(Bye& m, Sink& sink);
    Outcome handle(Error& m, Sink& sink);
    Outcome handle(DeviceToken& m, Sink& sink);
    Outcome handle(AccountUpdate& m, Sink& sink);
    template <typename T>
    Outcome handle(T&, Sink&) {
        return {}; // client-to-server types and Pong need nothing
    }

    /// Chat and Private alike: drop duplicates, collect during the replay, acknowledge and show when live.
    template <typename M>
    void receive(M& m, std::uint64_t& lastSeq, std::vector<M>& replay, Sink& sink);
    void finishJoin(Sink& sink);
    /// The replay began after a gap (the server bounds it by bytes) and messages sent on the lost connection
    /// still wait for their echoes: their echoes may be in the gap, so the gap is read page by page, newest
    /// first, before anything is sent again. Otherwise a message stored just before the break would be
    /// stored twice.
    void reconcile(std::uint64_t beforeSeq, Sink& sink);
    void deliverLive(Event event, Sink& sink);
    void ack(std::uint64_t clientId, const std::string& from, Sink& sink);

    std::string m_name;
    std::string m_you; // the name as the server confirmed it
    Phase m_phase = Phase::Offline;
    std::uint64_t m_lastSeq = 0;
    std::uint64_t m_lastPrivateSeq = 0;
    std::uint64_t m_seqAtHello = 0; // restored when a join breaks off
    std::uint64_t m_privateSeqAtHello = 0;
    std::uint64_t m_reconcileBefore = 0; // the HistoryPage that searches the replay's gap; 0: none
    Token m_token{};
    std::uint32_t m_maxTextBytes = kDefaultMaxTextBytes;
    std::uint32_t m_heartbeatMs = 0;
    WelcomeEvent m_pending;                // the join being collected
    std::vector<Event> m_held;             // live events between Live and Users, shown after the WelcomeEvent
    std::vector<std::string> m_usersSoFar; // UsersPart names, until the Users that ends the list
    bool m_readOnly = false; // the room's store is unavailable (RoomState, StoreUnavailable): hold the outbox
    Outbox m_outbox;
    Credentials m_credentials;
    bool m_signedIn = false;
    std::uint64_t m_accountRequest = 0; // the Register or ChangePassword in flight, and the password it sets
    std::string m_accountPassword;
};

} // namespace net

#pragma once
// The chat room: who is online (by case-insensitive name), the join sequence, public broadcast, private
// routing, and the group commit that makes every delivered message durable first.
//
// Single-threaded: the Room, its members and the Storage are touched only from the one io_context thread,
// so no locks are needed (and adding a second thread to run() would be a bug).
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <asio/io_context.hpp>

#include "net/messages.hpp"
#include "server/cluster/name_claims.hpp"
#include "server/mailboxes.hpp"
#include "server/options.hpp"
#include "server/participant.hpp"
#include "server/presence_batch.hpp"
#include "server/user_directory.hpp"

namespace server {

class AccountStore;
class RoomStream;
class Storage;
class Status;

class Room {
public:
    /// The room serves history from storage, knows registered names from accounts, and logs membership
    /// changes to status.
    Room(asio::io_context& io, Storage& storage, AccountStore& accounts, const Options& options,
         Status& status);

    /// Handles a Hello whose credentials were checked: signedIn when it proved it owns a registered name.
    /// Returns None when p joined (the join sequence is queued to it), or the error to send.
    net::ErrorCode hello(const std::shared_ptr<Participant>& p, const net::Hello& m, bool signedIn);
    /// A joined guest registered its name: it owns it from now on.
    void signedIn(Participant& p) { p.membership.signedIn = true; }
    /// Removes p if it is joined and tells everyone else; harmless otherwise. A lost connection stays in the
    /// room for --presence-grace-ms first (nothing is delivered to it): a client that resumes within it
    /// takes its place without Left and Joined, so a network hiccup, or a thousand clients reconnecting at
    /// once after one, costs the room no announcements.
    void leave(Participant& p, net::LeaveReason reason);
    /// Whether someone in the room holds the name key, or a Hello registering it is being checked.
    bool holds(const std::string& key) const {
        return m_byKey.count(key) > 0 || m_registering.count(key) > 0;
    }
    /// A Hello that registers key waits for its password's hash (a second or so on the worker): until
    /// releaseRegistration(key) no guest may join as key, or it would speak and read private messages under
    /// a name that becomes someone else's account meanwhile.
    void holdForRegistration(const std::string& key) { m_registering.insert(key); }
    void releaseRegistration(const std::string& key) { m_registering.erase(key); }
    /// Ends the session that holds the name key, if any (the operator reset its password or released it):
    /// it leaves, and is closed with SignedOut. Whether there was one.
    bool signOut(const std::string& key);
    /// Stamps, stores and (after the commit) broadcasts a public message. In cluster mode the stream
    /// numbers and stores it: it is broadcast when it comes back (room_cluster.cpp).
    void say(const std::shared_ptr<Participant>& p, net::Say&& m);
    /// Cluster mode (--cluster): public messages go through stream, which numbers them for every node; this
    /// node's database mirrors it for history. Then followStream() reads it from the newest mirrored seq on;
    /// an empty string, or why it cannot.
    void useStream(RoomStream& stream);
    /// Private messages go through a stream of their own the same way: numbered by it (their seq), mirrored
    /// by every node (private history and mailboxes on any node), delivered by the nodes of their sender and
    /// recipient. Set before followStream(), which then follows both.
    void usePrivateStream(RoomStream& stream);
    std::string followStream();
    /// Cluster mode: whether this node's mirror has not yet read up to seq, which a client that comes from
    /// another node may have seen. Its join waits for the mirror (whenMirrored), so that the Welcome does not
    /// tell it that the room's history is shorter than what it holds (a client takes that for a reset room).
    bool mirrorBehind(std::uint64_t seq) const;
    /// Runs then (posted) once the mirror holds seq, or after 2 s whatever it holds.
    void whenMirrored(std::uint64_t seq, std::function<void()> then);
    /// Cluster mode: a name is claimed across the nodes (name_claims.hpp) before its Hello joins here.
    void useClaims(NameClaims& claims);
    bool claimsNames() const { return m_claims != nullptr; }
    /// Claims hello.name (normalised) for p, which gets the token its Welcome will carry; then(None) runs
    /// when the join may go on, then(NameTaken) when another node's session holds the name.
    void claimName(const std::shared_ptr<Participant>& p, const net::Hello& hello,
                   std::function<void(net::ErrorCode)> then);
    /// A claim whose join did not happen: released unless a session here holds the name.
    void dropClaim(const std::string& key);
    /// Stamps, stores and (after the commit) routes a private message to its recipient and sender only.
    void whisper(const std::shared_ptr<Participant>& p, net::Whisper&& m);
    /// Answers a HistoryRequest with one HistoryPage; returns the page's size in bytes.
    std::size_t history(Participant& p, const net::HistoryRequest& m);
    /// Answers a PrivateHistoryRequest with one PrivateHistoryPage of what p may read; returns its size.
    std::size_t privateHistory(Participant& p, const net::PrivateHistoryRequest& m);
    /// Answers a UsersRequest: the names online, in as many frames as they need (UsersParts, then a Users).
    void users(Participant& p);
    /// Commits and delivers the pending burst now (used at shutdown).
    void flush();

    /// Whether the pending burst takes more messages. Its fan-out (messages x members) is bounded, so that
    /// one turn of the event loop stays short however many senders are ready at once: the rest wait in their
    /// sockets (the senders feel TCP backpressure) until the burst is delivered.
    bool hasRoomForMore() const;
    /// Posts resume once the pending burst has been delivered (called by a sender that found no room).
    void whenRoomForMore(std::function<void()> resume);

    /// A connection that reads the room without being in it (a lab client before its first message names
    /// it): it gets the public messages and the Joined and Left notices, counts nowhere and is not listed.
    void watch(Participant& p) { m_watchers.push_back(&p); }
    /// Stops delivering to a watcher; harmless if it is not one.
    void unwatch(Participant& p) { std::erase(m_watchers, &p); }
    /// The newest public messages stored, newest first: at most limit, and at most maxBytes of frames.
    std::vector<net::Chat> newest(std::size_t limit, std::size_t maxBytes);

    /// Joined participants.
    std::size_t online() const { return m_members.size(); }
    /// Everyone in the room: those joined here, and in cluster mode those joined on other nodes.
    std::size_t roomSize() const { return m_members.size() + m_remote.size(); }
    /// Highest public seq that is durable.
    std::uint64_t latestSeq() const { return m_committedSeq; }
    /// Highest private seq stamped so far (a name registered now sees none of the private messages up to it).
    std::uint64_t latestPrivateSeq() const { return m_stampedPseq; }

private:
    static net::Token newToken(); // a session's resume token, from the system's generator
    struct Pending {
        std::shared_ptr<Participant> sender; // none for a message read from the cluster's stream
        net::Message msg;                    // Chat or Private, already stamped and staged
        std::string toKey;                   // a Private's recipient and sender, by name key
        std::string fromKey;
    };
    struct CachedChat {
        std::uint64_t seq;
        Frame frame;
    };

    void sendJoinSequence(Participant& p, const net::Hello& m, bool proven);
    /// announced: everyone is told (not when the person stays in the room through another node).
    void leaveNow(Participant& p, net::LeaveReason reason, bool announced = true);
    /// Queues the newest public messages after lastSeq, at most budget bytes of them (WriteQueue::cost);
    /// returns how many.
    std::uint32_t replayChats(Participant& p, std::uint64_t lastSeq, std::size_t budget);
    /// Whether token is the one a guest of this name got in its last Welcome (it left lately).
    /// The private floor of the guest of this name that left lately, if token is the one it got in its last
    /// Welcome (it is back): it reads its own sessions' messages again, never an earlier guest's.
    std::optional<std::uint64_t> returningGuest(const std::string& key, const net::Token& token,
                                                std::uint64_t now);
    void rememberGuest(const Participant& p, std::uint64_t now);
    void broadcast(const Frame& frame, const Participant* except = nullptr);
    /// A Joined or Left: to everyone now, or (when they come too fast) into the next Presence, and to the
    /// version 1 members alone now.
    /// Delivers a Presence batch to every version 2 member.
    void sendPresence(const net::Presence& batch);
    void announce(const net::Message& notice, const std::string& name, bool joined, std::uint64_t timeMs,
                  const Participant* except);
    void scheduleCommit();
    void commitBurst();
    void resumeWaiting();
    void publish(Pending& p);
    void remember(std::uint64_t seq, const Frame& frame);
    void sayThroughStream(const std::shared_ptr<Participant>& p, net::Chat&& c);
    void mirrorFromStream(std::uint64_t seq, std::string payload);
    void watchStream(RoomStream& stream); // refusals, resends and availability of either stream
    bool storeAvailable() const;          // both streams take messages
    Frame roomStateFrame() const;         // whether the cluster's store takes messages, as RoomState says it
    void whisperThroughStream(const std::shared_ptr<Participant>& p, net::Whisper&& m, std::string to,
                              std::string toKey);
    void publishPrivate(const std::shared_ptr<Participant>& p, net::Private&& pm);
    void mirrorPrivateFromStream(std::uint64_t seq, std::string payload);
    /// Cluster mode: someone on another node holds the name key now (elsewhere), or nobody does any more;
    /// see NameClaims::OthersChanged. The user list and Joined/Left show everyone in the room.
    void nameElsewhere(const std::string& key, const NameClaims::Holder* elsewhere, bool here);

    asio::io_context& m_io;
    Storage& m_storage;
    AccountStore& m_accounts;
    const Options& m_options;
    Status& m_status;

    std::vector<Participant*> m_members;  // broadcast order; Membership::index points here
    std::vector<Participant*> m_watchers; // read the room without being in it (watch())
    std::unordered_map<std::string, std::shared_ptr<Participant>> m_byKey;
    std::unordered_set<std::string> m_registering; // name keys of Hellos that register them, being hashed
    UserDirectory m_directory;                     // the names of m_members, sorted, with their Users frames
    std::deque<CachedChat> m_recent;               // the last --history public frames, encoded once
    struct GuestToken {
        net::Token token;
        std::uint64_t expiresMs;
        std::uint64_t privateFloor; // its first session's: what came before was another guest's
    };
    // Guests who left lately, by name key: their Welcome's token proves a reconnect is the same person, who
    // may have the private messages of its session replayed (a registered name proves it with its password).
    std::unordered_map<std::string, GuestToken> m_leftGuests;

    std::uint64_t m_committedSeq = 0, m_stampedSeq = 0;
    std::uint64_t m_committedPseq = 0, m_stampedPseq = 0;
    std::vector<Pending> m_pending; // the current burst, staged in the open transaction
    bool m_burstFailed = false;
    bool m_commitPosted = false;
    std::vector<std::function<void()>>
        m_waitingForRoom; // senders to resume after the burst, first come first
    Mailboxes m_mailboxes;
    PresenceBatch m_presence;
    RoomStream* m_stream = nullptr;        // cluster mode
    RoomStream* m_privateStream = nullptr; // cluster mode
    bool m_toldWritable = true;            // what the last RoomState said (none: writable)
    NameClaims* m_claims = nullptr;        // cluster mode
    // Cluster mode: who is online on other nodes, name key -> name (m_directory points into these strings).
    std::unordered_map<std::string, std::string> m_remote;
    struct Published {
        std::weak_ptr<Participant> sender;
        std::uint64_t clientId;
    };
    // Messages handed to the stream and not back yet, by their de-duplication id: whom to tell if refused.
    std::unordered_map<std::string, Published> m_published;
    struct MirrorWaiter; // a join waiting for the mirror (room_cluster.cpp)
    std::vector<std::shared_ptr<MirrorWaiter>> m_mirrorWaiters;
    void releaseMirrorWaiters(); // those whose seq the mirror holds, or whose wait is over
};

} // namespace server

#pragma once
// Who holds which name across the nodes of a cluster room (--cluster): a JetStream key-value bucket with one
// key per name key, whose value is the holding node and its session's resume token. A join claims the key,
// create-if-absent, so two nodes never both admit one name; a client failing over from another node proves
// with that session's resume token that the claim is its own, and takes it over; a leave releases it; a node
// renews its claims every few seconds, and the bucket forgets the claims of a node that died after a ttl.
// The key-value calls block: they run on a thread of their own and answer on the io thread.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "net/messages.hpp"

namespace server {

class RoomStream;

class NameClaims {
public:
    struct Config {
        std::string bucket = "imchat-room-names";
        int replicas = 3;
        std::chrono::seconds ttl{20}; // a dead node's names are free again after this
        // Guests who left, by name key (their last session's token and private floor), for this long: one who
        // comes back with that token, on any node, reads its sessions' private messages again.
        std::string guestsBucket = "imchat-room-guests";
        std::chrono::seconds guestReturn{3600};
    };
    enum class Verdict {
        Granted,     // claimed for this session in the bucket
        TakenOver,   // claimed, from another node's session whose resume token the Hello carried
        Here,        // a session of this node holds it: the room's own rules decide (a takeover, or taken)
        Taken,       // another node's session holds it, and the Hello did not prove to be that session
        Unavailable, // the bucket cannot be reached: only this node's rules apply
    };
    /// The verdict; for a Granted claim whose proof is the token of a guest that left lately (on any node),
    /// that guest's private floor: it is back.
    using Done = std::function<void(Verdict, std::optional<std::uint64_t> returningGuestFloor)>;
    /// A guest's session that ends: its token and private floor (see Config::guestsBucket).
    struct Departure {
        net::Token token;
        std::uint64_t privateFloor = 0;
    };
    /// Who holds a name, as its claim says: its name as shown, and the address it came from.
    struct Holder {
        std::string name;
        std::string ip;
    };
    /// A name another node's session holds now (elsewhere), or no longer holds (nullptr; here: because a
    /// session of this node claimed it, whose join may still be under way). On the io thread.
    using OthersChanged = std::function<void(const std::string& key, const Holder* elsewhere, bool here)>;

    NameClaims(asio::io_context& io, RoomStream& stream, Config config);
    ~NameClaims();
    NameClaims(const NameClaims&) = delete;
    NameClaims& operator=(const NameClaims&) = delete;

    /// Binds the bucket, making it if missing, and starts the worker. An empty string, or why it could not.
    std::string open();
    /// Reads which names the other nodes hold now (into others, before this returns), then follows their
    /// claims as they come and go. A claim its node stopped renewing (the node died, or lost its link) goes
    /// a ttl after its last renewal, unless the engine itself is away. After open(); an empty string, or why
    /// it could not.
    std::string follow(OthersChanged others);
    /// The engine became unavailable or available again (from the room's streams): while it is away no
    /// claim can be renewed, so none is taken for gone.
    void engineAvailable(bool available);
    /// Who holds key on another node, as far as this node read (nullptr: nobody).
    const Holder* heldElsewhere(const std::string& key) const;
    /// Claims key for a session of this node with token, as holder; proof is the Hello's resume token, which
    /// takes over a claim another node made with it (the same client, failing over). done runs on the io
    /// thread.
    void claim(const std::string& key, const net::Token& token, const Holder& holder, const net::Token& proof,
               Done done);
    /// Whether a session of any node holds key (done(held) on the io thread; false also when the bucket
    /// cannot be reached).
    void lookup(const std::string& key, std::function<void(bool)> done);
    /// The session holding key here is now the one with token (after a join, also a takeover here).
    void hold(const std::string& key, const net::Token& token, const Holder& holder);
    /// No session of this node holds key any more: the claim goes, unless another node took it meanwhile.
    /// A guest's departure is kept for its return.
    void release(const std::string& key, const std::optional<Departure>& guest = std::nullopt);
    /// Where a claim of this node's goes that another node took over (its session here must go).
    void onLost(std::function<void(const std::string& key)> lost) { m_lost = std::move(lost); }

private:
    struct Worker; // the thread, its queue and the bucket (name_claims.cpp)
    struct Other : Holder {
        std::chrono::steady_clock::time_point renewed;
    };
    /// A claim read from the bucket (on the io thread).
    void read(const std::string& bucketKey, const std::string& value, std::uint64_t revision);
    /// Forgets the claims of other nodes not renewed for a ttl, every ttl/4.
    void sweepEvery(std::chrono::milliseconds period);

    asio::io_context& m_io;
    RoomStream& m_stream;
    Config m_config;
    std::function<void(const std::string&)> m_lost;
    OthersChanged m_othersChanged;
    std::unordered_map<std::string, Other> m_others; // by name key
    // The revision of this node's latest claim of a key, until the bucket's watch reads past it: an older
    // claim of another node read meanwhile is not news (the watch and the worker answer independently).
    std::unordered_map<std::string, std::uint64_t> m_ownRevisions;
    bool m_engineAvailable = true;
    std::unique_ptr<asio::steady_timer> m_sweep;
    std::unique_ptr<Worker> m_worker;
};

} // namespace server

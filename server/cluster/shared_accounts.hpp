#pragma once
// Registered names across the nodes of a cluster room (--cluster): every account (its Argon2id hash, its
// private floor, the epoch of its device tokens) and every device token (by its hash) is a key of a
// JetStream key-value bucket. A name is registered create-if-absent there, so two nodes never both register
// it; a password change or release writes over the revision it read, so two changes never cross. Every node
// mirrors the bucket into its own AccountStore, which answers the logins as in a single server: a login costs
// no round trip to the engine. A password change bumps the epoch: device tokens of an earlier epoch are
// revoked on every node, and the node where someone still uses the name signs them out.
//
// The writes block: they run on a thread of their own and answer on the io thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <asio/io_context.hpp>

namespace server {

class AccountStore;
class RoomStream;

class SharedAccounts {
public:
    struct Config {
        std::string bucket = "imchat-room-accounts";
        int replicas = 3;
    };
    enum class Result {
        Done,
        Refused,     // registered already (a create), or not registered (a change)
        Unavailable, // the engine did not answer: nothing was changed
    };
    using Done = std::function<void(Result)>;

    SharedAccounts(asio::io_context& io, RoomStream& stream, AccountStore& mirror, Config config);
    ~SharedAccounts();
    SharedAccounts(const SharedAccounts&) = delete;
    SharedAccounts& operator=(const SharedAccounts&) = delete;

    /// Binds the bucket (making it if missing), mirrors all of it into the AccountStore, then follows it.
    /// An empty string, or why it could not.
    std::string open();
    /// Registers the name key with its hash and floor. On Done the mirror holds it already.
    void create(const std::string& key, const std::string& name, const std::string& hash,
                std::uint64_t privateFloor, std::uint64_t nowMs, Done done);
    /// Sets a new hash for key and revokes its device tokens on every node. On Done the mirror holds it.
    void setHash(const std::string& key, const std::string& hash, Done done);
    /// Deletes key's account on every node, its private history up to privateFloor hidden from the next
    /// owner. On Done the mirror holds it.
    void release(const std::string& key, std::uint64_t privateFloor, Done done);
    /// Shares a device token the mirror already holds (after a login here) with the other nodes.
    void addToken(const std::string& key, const std::string& tokenHash, std::uint64_t nowMs);
    /// Where the name keys go whose password was changed, or that were released, on another node: whoever
    /// uses the name here is signed out (as when it happens here). On the io thread.
    void onRevoked(std::function<void(const std::string& key)> revoked) { m_revoked = std::move(revoked); }

private:
    struct Record; // an account as the bucket holds it (shared_accounts.cpp)
    struct Worker; // the thread and the bucket
    void mirrorEntry(const std::string& bucketKey, const std::string& value, bool live);
    void mirrorAccount(const std::string& key, const Record& record, bool live);
    void mirrorToken(const std::string& key, const std::string& tokenHash, std::uint64_t epoch,
                     std::uint64_t createdMs);
    /// Runs a write on the worker, then mirrors what it wrote and answers done on the io thread.
    void change(const std::string& key, std::function<Result(Record&)> edit, Done done);

    asio::io_context& m_io;
    RoomStream& m_stream;
    AccountStore& m_mirror;
    Config m_config;
    std::string m_node;  // this process's id, in what it writes: its own changes sign nobody out
    bool m_live = false; // the first read of the bucket is over: what comes now happens now
    std::function<void(const std::string&)> m_revoked;
    std::unordered_map<std::string, std::uint64_t> m_epochs; // name key -> the epoch of its device tokens
    struct WaitingToken {
        std::string tokenHash;
        std::uint64_t epoch, createdMs;
    };
    // Tokens read before their account (the bucket's order is that of the last writes): by name key.
    std::unordered_map<std::string, std::vector<WaitingToken>> m_waitingTokens;
    std::unique_ptr<Worker> m_worker;
};

} // namespace server

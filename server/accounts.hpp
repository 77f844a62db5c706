#pragma once
// Who may use a name: guests take names nobody registered (unless --accounts required), a registered name
// needs its password or a device token, and a name is registered with a password (Argon2id, hashed off the
// event loop by the PasswordHasher). Failed logins are throttled (LoginGuard) and logged; a login for a name
// nobody registered fails the same way, in the same time, as a wrong password. Device tokens are random
// (256 bits), given once, stored as hashes, and all revoked when the password changes.
//
// Single-threaded: used only from the io_context thread; every answer arrives through a posted callback,
// also when it is known at once, so callers handle one order of events.
#include <cstdint>
#include <functional>
#include <string>

#include <asio/io_context.hpp>

#include "net/messages.hpp"
#include "server/account_store.hpp"
#include "server/cluster/shared_accounts.hpp"
#include "server/login_guard.hpp"
#include "server/options.hpp"
#include "server/password_hasher.hpp"

namespace server {

class Status;

class Accounts {
public:
    /// privateSeq: the newest private seq, the floor of a name registered now.
    Accounts(asio::io_context& io, AccountStore& store, PasswordHasher& hasher, Status& status,
             const Options& options, std::function<std::uint64_t()> privateSeq);

    /// The answer to a Hello, a Register or a ChangePassword.
    struct Outcome {
        net::ErrorCode error = net::ErrorCode::None;
        bool signedIn = false;     // the name is registered and this client proved it owns it
        std::string deviceToken{}; // a new token, when one was asked for and the client signed in
    };
    using Done = std::function<void(Outcome)>;

    /// May this Hello (a valid name, whose key is key) join? Consumes the secret.
    void admit(const std::string& ip, net::Hello& hello, const std::string& key, Done done);
    /// Registers the name of a guest already in the room.
    void registerName(const std::string& ip, const std::string& key, const std::string& name,
                      std::string password, bool remember, Done done);
    /// Changes a signed-in owner's password; every device token of the name is revoked.
    void changePassword(const std::string& ip, const std::string& key, std::string oldPassword,
                        std::string newPassword, bool remember, Done done);
    /// Cluster mode: accounts are made and changed in the cluster's bucket (cluster/shared_accounts.hpp),
    /// which every node mirrors into its AccountStore; the logins are checked against that copy.
    void useCluster(SharedAccounts& shared) { m_shared = &shared; }
    /// Whether a name key is registered.
    bool registered(const std::string& key) const { return m_store.registered(key); }

    /// Operator: sets a new password (hashed on the worker); done(ok) on the io thread.
    void resetPassword(const std::string& key, std::string password, std::function<void(bool)> done);
    /// Operator: deletes the account; its private history stays hidden from whoever takes the name next.
    /// done(ok) on the io thread.
    void release(const std::string& key, std::function<void(bool)> done);
    AccountStore& store() { return m_store; }

    /// Why a new password is refused, or None: at least 8 characters, at most 256 bytes.
    static net::ErrorCode checkNewPassword(const std::string& password);

private:
    void answer(Done& done, Outcome outcome);
    void login(const std::string& ip, net::Hello& hello, const std::string& key, Done done);
    void create(const std::string& ip, const std::string& key, const std::string& name, std::string password,
                bool remember, Done done);
    void refuseLogin(const std::string& ip, const std::string& key, const std::string& name, const char* why,
                     Done& done);
    std::string issueToken(const std::string& key);
    /// Stores a new hash for key (revoking its tokens): done(None), or why not, on the io thread.
    void storeHash(const std::string& key, const std::string& hash, std::function<void(net::ErrorCode)> done);
    /// A registration stored: logged and answered.
    void registered(const std::string& ip, const std::string& key, const std::string& name, bool remember,
                    Done& done);

    asio::io_context& m_io;
    AccountStore& m_store;
    PasswordHasher& m_hasher;
    Status& m_status;
    const Options& m_options;
    std::function<std::uint64_t()> m_privateSeq;
    LoginGuard m_guard;
    SharedAccounts* m_shared = nullptr; // cluster mode
};

} // namespace server

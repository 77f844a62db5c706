#include "server/accounts.hpp"

#include <sodium.h>

#include <asio/post.hpp>

#include "net/utf8.hpp"
#include "server/clock.hpp"
#include "server/log_text.hpp"
#include "server/secrets.hpp"
#include "server/status.hpp"

namespace server {
namespace {

constexpr std::size_t kMinPasswordChars = 8;
constexpr std::size_t kMaxPasswordBytes = 256;
constexpr std::size_t kTokenBytes = 32;

/// A device token as the client keeps it: 256 random bits, base64url.
std::string randomToken() {
    unsigned char raw[kTokenBytes];
    randombytes_buf(raw, sizeof raw);
    char text[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

/// What the server stores of a device token: a hash, so that its file gives no one a working token.
std::string tokenHash(const std::string& token) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

} // namespace

Accounts::Accounts(asio::io_context& io, AccountStore& store, PasswordHasher& hasher, Status& status,
                   const Options& options, std::function<std::uint64_t()> privateSeq)
    : m_io(io), m_store(store), m_hasher(hasher), m_status(status), m_options(options),
      m_privateSeq(std::move(privateSeq)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

net::ErrorCode Accounts::checkNewPassword(const std::string& password) {
    if (password.size() > kMaxPasswordBytes || !net::utf8::isValid(password))
        return net::ErrorCode::WeakPassword;
    return net::utf8::countCodePoints(password) < kMinPasswordChars ? net::ErrorCode::WeakPassword
                                                                    : net::ErrorCode::None;
}

void Accounts::answer(Done& done, Outcome outcome) {
    asio::post(
        m_io, [done = std::move(done), outcome = std::move(outcome)]() mutable { done(std::move(outcome)); });
}

std::string Accounts::issueToken(const std::string& key) {
    std::string token = randomToken();
    const std::string hash = tokenHash(token);
    const std::uint64_t now = nowMs();
    if (!m_store.addToken(key, hash, now)) return {};
    if (m_shared) m_shared->addToken(key, hash, now);
    return token;
}

void Accounts::admit(const std::string& ip, net::Hello& hello, const std::string& key, Done done) {
    using net::Auth;
    using net::ErrorCode;
    const bool registered = m_store.registered(key);
    if (m_options.accounts == net::AccountPolicy::Off && hello.auth != Auth::None)
        return answer(done, {ErrorCode::AccountsDisabled});
    switch (hello.auth) {
    case Auth::None:
        // With accounts off every name is a guest's, those registered before included (unproven: their
        // private history stays theirs).
        if (registered && m_options.accounts != net::AccountPolicy::Off)
            return answer(done, {ErrorCode::AuthRequired});
        if (m_options.accounts == net::AccountPolicy::Required)
            return answer(done, {ErrorCode::RegistrationRequired});
        return answer(done, {});
    case Auth::Register:
        if (registered) return answer(done, {ErrorCode::AlreadyRegistered});
        return create(ip, key, hello.name, std::move(hello.secret), hello.remember, std::move(done));
    case Auth::Password:
    case Auth::DeviceToken: return login(ip, hello, key, std::move(done));
    }
    answer(done, {ErrorCode::BadCredentials});
}

void Accounts::refuseLogin(const std::string& ip, const std::string& key, const std::string& name,
                           const char* why, Done& done) {
    m_guard.failed(ip, key, LoginGuard::Clock::now());
    m_status.log("login refused " + ip + " (" + quoted(name) + "): " + why);
    answer(done, {net::ErrorCode::BadCredentials});
}

void Accounts::login(const std::string& ip, net::Hello& hello, const std::string& key, Done done) {
    const bool remember = hello.remember;
    const std::string name = hello.name;
    // A device token is 256 random bits checked by one lookup: nothing to guess, nothing to throttle. So the
    // owner who ticked "remember me" still gets in while someone hammers the name with passwords.
    if (hello.auth == net::Auth::Password && !m_guard.allowed(ip, key, LoginGuard::Clock::now()))
        return answer(done, {net::ErrorCode::LoginThrottled});
    if (hello.auth == net::Auth::DeviceToken) {
        const auto owner = m_store.keyOfToken(tokenHash(hello.secret));
        wipe(hello.secret);
        if (!owner || *owner != key || !m_store.registered(key))
            return refuseLogin(ip, key, name, "unknown device token", done);
        return answer(done, {net::ErrorCode::None, true, remember ? issueToken(key) : std::string()});
    }
    // The hasher's queue is full: try again soon.
    if (!m_hasher.hasRoom()) return answer(done, {net::ErrorCode::LoginThrottled});
    // An unknown name is checked against a decoy hash: the same answer, in the same time.
    const auto account = m_store.find(key);
    m_hasher.verify(std::move(hello.secret), account ? account->hash : std::string(),
                    [this, ip, key, name, remember, done = std::move(done)](bool ok) mutable {
                        if (!ok || !m_store.registered(key))
                            return refuseLogin(ip, key, name, "bad password", done);
                        done({net::ErrorCode::None, true, remember ? issueToken(key) : std::string()});
                    });
}

void Accounts::create(const std::string& ip, const std::string& key, const std::string& name,
                      std::string password, bool remember, Done done) {
    if (const auto weak = checkNewPassword(password); weak != net::ErrorCode::None) {
        wipe(password);
        return answer(done, {weak});
    }
    // Registrations draw on the same budget as failed logins: nobody claims names by the thousand.
    const auto now = LoginGuard::Clock::now();
    if (!m_guard.allowed(ip, key, now) || !m_hasher.hasRoom()) {
        wipe(password);
        return answer(done, {net::ErrorCode::LoginThrottled});
    }
    m_guard.failed(ip, key, now);
    m_hasher.hash(std::move(password), [this, ip, key, name, remember,
                                        done = std::move(done)](std::string hash) mutable {
        if (hash.empty()) return done({net::ErrorCode::LoginThrottled}); // out of memory: try again
        if (!m_shared) {
            if (!m_store.create(key, name, hash, m_privateSeq(), nowMs()))
                return done({net::ErrorCode::AlreadyRegistered});
            return registered(ip, key, name, remember, done);
        }
        m_shared->create(key, name, hash, m_privateSeq(), nowMs(),
                         [this, ip, key, name, remember, done](SharedAccounts::Result r) mutable {
                             if (r == SharedAccounts::Result::Refused)
                                 return done({net::ErrorCode::AlreadyRegistered});
                             if (r == SharedAccounts::Result::Unavailable)
                                 return done({net::ErrorCode::StoreUnavailable});
                             registered(ip, key, name, remember, done);
                         });
    });
}

void Accounts::registered(const std::string& ip, const std::string& key, const std::string& name,
                          bool remember, Done& done) {
    m_status.log("registered " + quoted(name) + " (" + ip + ")");
    done({net::ErrorCode::None, true, remember ? issueToken(key) : std::string()});
}

void Accounts::storeHash(const std::string& key, const std::string& hash,
                         std::function<void(net::ErrorCode)> done) {
    if (hash.empty()) return done(net::ErrorCode::LoginThrottled); // out of memory: try again
    if (!m_shared)
        return done(m_store.setHash(key, hash) ? net::ErrorCode::None : net::ErrorCode::LoginThrottled);
    m_shared->setHash(key, hash, [done = std::move(done)](SharedAccounts::Result r) {
        done(r == SharedAccounts::Result::Done          ? net::ErrorCode::None
             : r == SharedAccounts::Result::Unavailable ? net::ErrorCode::StoreUnavailable
                                                        : net::ErrorCode::LoginThrottled);
    });
}

void Accounts::registerName(const std::string& ip, const std::string& key, const std::string& name,
                            std::string password, bool remember, Done done) {
    if (m_options.accounts == net::AccountPolicy::Off) {
        wipe(password);
        return answer(done, {net::ErrorCode::AccountsDisabled});
    }
    if (m_store.registered(key)) {
        wipe(password);
        return answer(done, {net::ErrorCode::AlreadyRegistered});
    }
    create(ip, key, name, std::move(password), remember, std::move(done));
}

void Accounts::changePassword(const std::string& ip, const std::string& key, std::string oldPassword,
                              std::string newPassword, bool remember, Done done) {
    if (const auto weak = checkNewPassword(newPassword); weak != net::ErrorCode::None) {
        wipe(oldPassword);
        wipe(newPassword);
        return answer(done, {weak});
    }
    if (!m_guard.allowed(ip, key, LoginGuard::Clock::now()) || !m_hasher.hasRoom()) {
        wipe(oldPassword);
        wipe(newPassword);
        return answer(done, {net::ErrorCode::LoginThrottled});
    }
    const auto account = m_store.find(key);
    const std::string name = account ? account->name : key;
    m_hasher.verify(
        std::move(oldPassword), account ? account->hash : std::string(),
        [this, ip, key, name, remember, newPassword = std::move(newPassword),
         done = std::move(done)](bool ok) mutable {
            if (!ok) {
                wipe(newPassword);
                return refuseLogin(ip, key, name, "bad password (password change)", done);
            }
            // The verify's own slot was freed before this ran, so there is room for the hash.
            m_hasher.hash(
                std::move(newPassword), [this, key, name, remember, done](std::string hash) mutable {
                    storeHash(key, hash, [this, key, name, remember, done](net::ErrorCode error) mutable {
                        if (error != net::ErrorCode::None) return done({error});
                        m_status.log("password changed " + quoted(name) + ": every device token revoked");
                        done({net::ErrorCode::None, true, remember ? issueToken(key) : std::string()});
                    });
                });
        });
}

void Accounts::resetPassword(const std::string& key, std::string password, std::function<void(bool)> done) {
    if (!m_store.registered(key) || checkNewPassword(password) != net::ErrorCode::None) {
        wipe(password);
        return asio::post(m_io, [done = std::move(done)] { done(false); });
    }
    if (!m_hasher.hasRoom()) {
        wipe(password);
        return asio::post(m_io, [done = std::move(done)] { done(false); });
    }
    m_hasher.hash(std::move(password), [this, key, done](std::string hash) {
        storeHash(key, hash, [done](net::ErrorCode error) { done(error == net::ErrorCode::None); });
    });
}

void Accounts::release(const std::string& key, std::function<void(bool)> done) {
    if (!m_shared) {
        const bool ok = m_store.release(key, m_privateSeq());
        return asio::post(m_io, [done = std::move(done), ok] { done(ok); });
    }
    m_shared->release(key, m_privateSeq(), [done = std::move(done)](SharedAccounts::Result r) {
        done(r == SharedAccounts::Result::Done);
    });
}

} // namespace server

#pragma once
// The server's TLS identity: a key and a certificate (created on first start, self-signed, beside the
// database; or the operator's own files), the TLS 1.3-only context made from them, and the key's
// fingerprint, which clients pin on first contact (there is no certificate authority on a LAN).
#include <memory>
#include <string>

#include <asio/ssl/context.hpp>

namespace server {

class TlsIdentity {
public:
    /// The operator's key and certificate when both paths are given; otherwise dir/tls-key.pem and
    /// dir/tls-cert.pem, created (0600, dir 0700) when missing. Throws std::runtime_error saying what failed.
    static std::unique_ptr<TlsIdentity> load(const std::string& dir, const std::string& certPath,
                                             const std::string& keyPath);

    /// The key's fingerprint (net/fingerprint.hpp), 64 hex digits.
    const std::string& fingerprint() const { return m_fingerprint; }
    /// Where the key and certificate were read from.
    const std::string& keyPath() const { return m_keyPath; }
    const std::string& certPath() const { return m_certPath; }
    /// The TLS 1.3 server context every connection's TLS state is made from.
    asio::ssl::context& context() { return m_context; }

private:
    TlsIdentity();

    asio::ssl::context m_context;
    std::string m_fingerprint, m_keyPath, m_certPath;
};

} // namespace server

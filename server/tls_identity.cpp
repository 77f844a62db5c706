#include "server/tls_identity.hpp"

#include <cstdio>
#include <stdexcept>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "net/fingerprint.hpp"
#include "server/private_files.hpp"

namespace server {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

std::string opensslError() {
    char text[256] = "unknown OpenSSL error";
    if (const unsigned long e = ERR_get_error()) ERR_error_string_n(e, text, sizeof text);
    ERR_clear_error();
    return text;
}

/// A self-signed certificate for key, valid for a century: clients pin the key, so the dates and the name
/// only have to satisfy TLS libraries.
CertPtr selfSign(EVP_PKEY* key) {
    CertPtr cert(X509_new());
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7F; // a positive serial number
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool ok = cert && bn && X509_set_version(cert.get(), 2) == 1 &&
                    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr &&
                    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600) != nullptr &&
                    X509_time_adj_ex(X509_getm_notAfter(cert.get()), 100 * 365, 0, nullptr) != nullptr &&
                    X509_set_pubkey(cert.get(), key) == 1;
    BN_free(bn);
    X509_NAME* name = cert ? X509_get_subject_name(cert.get()) : nullptr;
    if (!ok || !name ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("imchat-server"), -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 || X509_sign(cert.get(), key, EVP_sha256()) <= 0)
        throw std::runtime_error("cannot make the TLS certificate: " + opensslError());
    return cert;
}

void create(const std::string& keyPath, const std::string& certPath) {
    KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) throw std::runtime_error("cannot make the TLS key: " + opensslError());
    CertPtr cert = selfSign(key.get());
    writePrivateFile(keyPath, [&](FILE* f) {
        return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
    writePrivateFile(certPath, [&](FILE* f) { return PEM_write_X509(f, cert.get()) == 1; });
}

} // namespace

TlsIdentity::TlsIdentity() : m_context(asio::ssl::context::tls_server) {}

std::unique_ptr<TlsIdentity> TlsIdentity::load(const std::string& dir, const std::string& certPath,
                                               const std::string& keyPath) {
    std::unique_ptr<TlsIdentity> id(new TlsIdentity);
    const bool own = !certPath.empty() || !keyPath.empty();
    if (own && (certPath.empty() || keyPath.empty()))
        throw std::runtime_error("--tls-cert and --tls-key go together");
    id->m_certPath = own ? certPath : inFolder(dir, "tls-cert.pem");
    id->m_keyPath = own ? keyPath : inFolder(dir, "tls-key.pem");
    if (!own) {
        makeFoldersFor(id->m_keyPath);
        if (!fileExists(id->m_keyPath)) create(id->m_keyPath, id->m_certPath);
    }
    SSL_CTX* ctx = id->m_context.native_handle();
    // TLS 1.3 only: no downgrade to older versions and their weaker suites.
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    // Idle connections keep no read and write buffers (16 KiB each): a thousand idle clients add up.
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    // Clients resume by reconnecting; session tickets would cost every handshake two more messages.
    SSL_CTX_set_num_tickets(ctx, 0);
    if (SSL_CTX_use_certificate_chain_file(ctx, id->m_certPath.c_str()) != 1)
        throw std::runtime_error("cannot read the TLS certificate " + id->m_certPath + ": " + opensslError());
    if (SSL_CTX_use_PrivateKey_file(ctx, id->m_keyPath.c_str(), SSL_FILETYPE_PEM) != 1)
        throw std::runtime_error("cannot read the TLS key " + id->m_keyPath + ": " + opensslError());
    if (SSL_CTX_check_private_key(ctx) != 1)
        throw std::runtime_error("the TLS key does not match the certificate: " + opensslError());
    id->m_fingerprint = net::keyFingerprint(SSL_CTX_get0_privatekey(ctx));
    return id;
}

} // namespace server

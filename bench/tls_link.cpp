#include "tls_link.hpp"

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include "net/tls_client_policy.hpp"

namespace bench {

ssl_ctx_st* makeClientContext() {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    net::applyTlsClientPolicy(ctx);
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS); // a thousand idle clients keep no 16 KiB buffers
    return ctx;
}

TlsLink::TlsLink(ssl_ctx_st* context)
    : m_ssl(SSL_new(context)), m_in(BIO_new(BIO_s_mem())), m_out(BIO_new(BIO_s_mem())) {
    SSL_set_bio(m_ssl, m_in, m_out); // the SSL owns both from here
    SSL_set_connect_state(m_ssl);
}

TlsLink::~TlsLink() { SSL_free(m_ssl); }

void TlsLink::drain(std::string& cipherOut) {
    char buf[16384];
    for (int n; (n = BIO_read(m_out, buf, sizeof buf)) > 0;)
        cipherOut.append(buf, static_cast<std::size_t>(n));
}

void TlsLink::start(std::string& cipherOut) {
    SSL_do_handshake(m_ssl);
    drain(cipherOut);
}

bool TlsLink::receive(const char* data, std::size_t n, std::string& plainOut, std::string& cipherOut) {
    if (n > 0 && BIO_write(m_in, data, static_cast<int>(n)) != static_cast<int>(n)) return false;
    if (!m_established) {
        const int r = SSL_do_handshake(m_ssl);
        if (r != 1) {
            drain(cipherOut);
            return SSL_get_error(m_ssl, r) == SSL_ERROR_WANT_READ;
        }
        m_established = true;
        drain(cipherOut);
        if (!m_held.empty()) {
            send(m_held, cipherOut);
            m_held.clear();
        }
    }
    char buf[65536];
    for (;;) {
        const int r = SSL_read(m_ssl, buf, sizeof buf);
        if (r > 0) {
            plainOut.append(buf, static_cast<std::size_t>(r));
            continue;
        }
        const int error = SSL_get_error(m_ssl, r);
        drain(cipherOut); // a key update may want an answer
        return error == SSL_ERROR_WANT_READ;
    }
}

void TlsLink::send(std::string_view plain, std::string& cipherOut) {
    if (!m_established) {
        m_held.append(plain);
        return;
    }
    // One SSL_write per flush: a batch of messages becomes as few records as fit (16 KiB each).
    if (!plain.empty()) SSL_write(m_ssl, plain.data(), static_cast<int>(plain.size()));
    drain(cipherOut);
}

} // namespace bench

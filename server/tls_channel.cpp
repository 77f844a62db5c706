#include "server/tls_channel.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace server {
namespace {

long control(BIO*, int cmd, long, void*) { return cmd == BIO_CTRL_FLUSH ? 1 : 0; }
int create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
}

std::string sslError(const char* what) {
    std::string text = what;
    while (const unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        text += ": ";
        text += buf;
    }
    return text;
}

} // namespace

int TlsChannel::readFromInput(void* b, char* data, int size) {
    BIO* bio = static_cast<BIO*>(b);
    auto* self = static_cast<TlsChannel*>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    if (self->m_in.empty()) {
        BIO_set_retry_read(bio); // "would block": the rest of the record has not arrived yet
        return -1;
    }
    const std::size_t n = std::min(self->m_in.size(), static_cast<std::size_t>(size));
    std::memcpy(data, self->m_in.data(), n);
    self->m_in.remove_prefix(n);
    return static_cast<int>(n);
}

int TlsChannel::writeToOutput(void* b, const char* data, int size) {
    BIO* bio = static_cast<BIO*>(b);
    auto* self = static_cast<TlsChannel*>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    self->m_out->append(data, static_cast<std::size_t>(size));
    return size;
}

TlsChannel::TlsChannel(ssl_ctx_st* ctx) : m_ssl(SSL_new(ctx)) {
    // One method for every connection, made on first use (the server's one thread).
    static BIO_METHOD* const s_method = [] {
        BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "imchat session");
        BIO_meth_set_read(m, [](BIO* b, char* d, int n) { return readFromInput(b, d, n); });
        BIO_meth_set_write(m, [](BIO* b, const char* d, int n) { return writeToOutput(b, d, n); });
        BIO_meth_set_ctrl(m, control);
        BIO_meth_set_create(m, create);
        return m;
    }();
    BIO* bio = BIO_new(s_method);
    BIO_set_data(bio, this);
    SSL_set_bio(m_ssl, bio, bio); // one BIO both ways; SSL_free frees it
    SSL_set_accept_state(m_ssl);
}

TlsChannel::~TlsChannel() { SSL_free(m_ssl); }

bool TlsChannel::handshake(std::string& out) {
    const int r = SSL_do_handshake(m_ssl);
    if (r == 1) {
        m_established = true;
        return true;
    }
    const int e = SSL_get_error(m_ssl, r);
    if (e == SSL_ERROR_WANT_READ) return true; // more of the client's flight to come
    m_error = sslError("TLS handshake failed");
    (void)out;
    return false;
}

TlsChannel::Status TlsChannel::receive(std::string_view ciphertext, std::string& plaintext,
                                       std::string& out) {
    m_in = ciphertext;
    m_out = &out;
    ERR_clear_error();
    if (!m_established && (!handshake(out) || !m_established)) {
        m_out = nullptr;
        return m_error.empty() ? Status::Ok : Status::Failed;
    }
    std::array<char, 16 * 1024> chunk;
    for (;;) {
        std::size_t n = 0;
        if (SSL_read_ex(m_ssl, chunk.data(), chunk.size(), &n) == 1) {
            plaintext.append(chunk.data(), n);
            continue;
        }
        const int e = SSL_get_error(m_ssl, 0);
        m_out = nullptr;
        if (e == SSL_ERROR_WANT_READ) return Status::Ok;
        if (e == SSL_ERROR_ZERO_RETURN) return Status::Closed;
        m_error = sslError("TLS read failed");
        return Status::Failed;
    }
}

bool TlsChannel::send(std::string_view plaintext, std::string& out) {
    m_out = &out;
    std::size_t written = 0;
    ERR_clear_error();
    const bool ok =
        plaintext.empty() || SSL_write_ex(m_ssl, plaintext.data(), plaintext.size(), &written) == 1;
    m_out = nullptr;
    if (!ok) m_error = sslError("TLS write failed");
    return ok;
}

void TlsChannel::close(std::string& out) {
    if (!m_established) return;
    m_out = &out;
    ERR_clear_error();
    SSL_shutdown(m_ssl);
    m_out = nullptr;
}

} // namespace server

#pragma once
// TLS for one load-generator connection, over memory BIOs: the client reads and writes its socket as
// before, and this turns the bytes read into plaintext and the plaintext queued into records. Nothing is
// verified: the load generator measures the server's cost of TLS, it protects nothing.
#include <cstddef>
#include <string>
#include <string_view>

struct ssl_st;
struct ssl_ctx_st;
struct bio_st;

namespace bench {

/// A client context for TLS 1.3 without verification (one per run).
ssl_ctx_st* makeClientContext();

class TlsLink {
public:
    explicit TlsLink(ssl_ctx_st* context);
    ~TlsLink();
    TlsLink(const TlsLink&) = delete;
    TlsLink& operator=(const TlsLink&) = delete;

    /// Starts the handshake: its first bytes are appended to cipherOut.
    void start(std::string& cipherOut);
    /// Takes bytes read from the socket: plaintext is appended to plainOut, bytes to send (the handshake,
    /// then what was held until it finished) to cipherOut. False on a TLS error.
    bool receive(const char* data, std::size_t n, std::string& plainOut, std::string& cipherOut);
    /// Seals plaintext into records appended to cipherOut (held until the handshake is done).
    void send(std::string_view plain, std::string& cipherOut);

private:
    void drain(std::string& cipherOut);

    ssl_st* m_ssl;
    bio_st* m_in;  // ciphertext from the socket, read by OpenSSL
    bio_st* m_out; // ciphertext from OpenSSL, to the socket
    std::string m_held;
    bool m_established = false;
};

} // namespace bench

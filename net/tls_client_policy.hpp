#pragma once
// The client side of imchat's TLS, in one place for the window and the benchmarks' clients: TLS 1.3 only
// (PROTOCOL.md §1.1), and no certificate authority on a LAN: the server's key is checked against the pin
// after the handshake (§1.2), so the handshake itself verifies nothing.
struct ssl_ctx_st;

namespace net {

/// Applies the policy to an OpenSSL client context (asio::ssl::context::native_handle() or SSL_CTX_new).
void applyTlsClientPolicy(ssl_ctx_st* context);

} // namespace net

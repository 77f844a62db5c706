#include "net/tls_client_policy.hpp"

#include <openssl/ssl.h>

namespace net {

void applyTlsClientPolicy(ssl_ctx_st* context) {
    SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION);
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);
}

} // namespace net

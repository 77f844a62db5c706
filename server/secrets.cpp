#include "server/secrets.hpp"

#include <sodium.h>

namespace server {

void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}

net::Hello withoutSecret(const net::Hello& hello) {
    net::Hello copy = hello;
    wipe(copy.secret);
    return copy;
}

} // namespace server

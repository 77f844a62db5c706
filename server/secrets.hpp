#pragma once
// Passwords and device tokens are wiped once used or dropped, so that no copy waits in freed memory for a
// later allocation or a core dump to show it.
#include <memory>
#include <string>

#include "net/messages.hpp"

namespace server {

/// Zeroes s's bytes, then clears it.
void wipe(std::string& s);

/// A copy of hello for the steps that need no secret: the copy's secret is wiped before it is dropped.
net::Hello withoutSecret(const net::Hello& hello);

/// A Hello kept while a step runs (the cluster's claim of its name): a secret it still holds when dropped
/// (the session went, the claim was refused) is wiped. Copies share one Hello, as callbacks need.
class HeldHello {
public:
    explicit HeldHello(net::Hello&& hello) : m_hello(std::make_shared<Held>(std::move(hello))) {}
    net::Hello& operator*() const { return m_hello->hello; }

private:
    struct Held {
        explicit Held(net::Hello&& h) : hello(std::move(h)) {}
        ~Held() { wipe(hello.secret); }
        Held(const Held&) = delete;
        Held& operator=(const Held&) = delete;
        net::Hello hello;
    };
    std::shared_ptr<Held> m_hello;
};

} // namespace server

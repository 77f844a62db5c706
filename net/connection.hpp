#pragma once
// The client side of the protocol: one thread running an asio::io_context that connects, secures the link
// (TLS 1.3; the server's key must be the one pinned for it before anything is sent), handshakes, keeps the
// link alive, reconnects and resumes. The UI thread only posts requests and polls events.
//
// Several servers (the nodes of one cluster room, docs/cluster.md): set host/port to the first and
// alternates to the others. A link that is lost, a connect that fails or times out, a failed TLS handshake,
// no Welcome in time, or a fatal Error that PROTOCOL.md §12 says to retry after (ShuttingDown...) moves the
// next attempt to the next server, round robin, at once; only once every server failed in a row does it
// wait the backoff. The resume (lastSeq, lastPrivateSeq, resume token) and the outbox of unacknowledged
// messages go along unchanged, exactly as on a reconnect to the same server. The pinned key applies to
// every server (a cluster shares one key): another key on any of them stops with a ServerKeyEvent naming
// it. Events and error texts name the server actually tried. Usage (a list as a person typed it comes from
// parseEndpointList(text, kDefaultPort).endpoints):
//   net::ConnectionConfig c;
//   c.setServers({{"10.0.0.1", 12000}, {"10.0.0.2", 12000}, {"10.0.0.3", 12000}});
//   net::Connection conn(c, wake);
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/endpoint.hpp"
#include "net/events.hpp"

namespace net {

struct ConnectionConfig {
    std::string host = "127.0.0.1"; // the first server
    std::uint16_t port = kDefaultPort;
    std::vector<Endpoint> alternates; // the room's other servers, tried in turn after host:port (see above)
    std::string name;
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds pingInterval{5000}; // a Ping when nothing was sent for this long
    std::chrono::milliseconds deadAfter{15000};   // no byte received for this long: the server is gone
    std::chrono::milliseconds backoffMin{250};
    std::chrono::milliseconds backoffMax{10000};
    std::size_t maxOutbox = 1000; // unsent messages kept while offline
    double sendRate = 10.0;       // Say+Whisper per second after a burst (server allows 20)
    unsigned sendBurst = 20;      // messages sent at once, e.g. the outbox after a reconnect
    bool plaintext = false;       // no TLS: only for servers run with --allow-plaintext (tests, old servers)
    std::string pinnedKey;        // the server key's fingerprint (64 hex digits) trusted before; "" = none
    Auth auth = Auth::None;       // how the name is proven (a guest, a password, a device token, an account)
    std::string secret;           // the password or device token
    bool remember = false;        // ask for a device token after the join

    /// host:port to the list's first server, alternates to the others (list: at least one).
    void setServers(const std::vector<Endpoint>& list) {
        host = list.at(0).host;
        port = list.at(0).port;
        alternates.assign(list.begin() + 1, list.end());
    }
    /// host:port, then the alternates: every server in the order they are tried.
    std::vector<Endpoint> servers() const {
        std::vector<Endpoint> all{{host, port}};
        all.insert(all.end(), alternates.begin(), alternates.end());
        return all;
    }
};

class Connection {
public:
    /// Starts the network thread and the first connect. wake() runs on the network thread after every
    /// pushed event (the app passes glfwPostEmptyEvent); it must be cheap and thread-safe.
    Connection(ConnectionConfig config, std::function<void()> wake);
    /// Says Bye if connected, stops the thread and joins it (within 100 ms, even mid-connect or backoff).
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // ---- UI thread: each call posts to the network thread and returns at once ----
    /// Queues a public message; returns its clientId (echoed in the Chat or Error about it).
    /// Returns 0 when the outbox is full (nothing was queued; the UI must say so).
    std::uint64_t say(std::string text);
    /// Queues a private message to a user by name; same return as say().
    std::uint64_t whisper(std::string to, std::string text);
    void requestHistory(std::uint64_t beforeSeq, std::uint16_t maxCount);
    /// Asks for older private messages of our name (answered with a PrivateHistoryPage event).
    void requestPrivateHistory(std::uint64_t beforeSeq, std::uint16_t maxCount);
    void requestUsers();
    /// Reconnects under another name (a refused name stops retrying until this is called).
    void setName(std::string name);
    /// Connects again at once, skipping any backoff wait.
    void reconnectNow();
    /// Pins the server's key (after a ServerKeyEvent, once the user compared it) and connects again.
    void trust(std::string fingerprint);
    /// Proves the name this way from now on, and connects again (after AuthRequired, say).
    void setCredentials(Auth auth, std::string secret, bool remember);
    /// Registers the name we joined as with password; the answer is an AccountUpdate or an Error with the
    /// returned clientId (an Error with code None when not connected).
    std::uint64_t registerName(std::string password, bool remember);
    /// Changes our password; answered as registerName is. Every device token of the name is revoked.
    std::uint64_t changePassword(std::string oldPassword, std::string newPassword, bool remember);

    /// Takes the next event, if any. Call from the one UI thread only.
    bool poll(Event& out);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace net

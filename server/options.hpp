#pragma once
// Command-line settings of imchat-server, with the defaults the protocol documents.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "net/messages.hpp"

namespace server {

/// --room-name fits a TXT string ("room=" and the name: 255 bytes at most) with room to spare.
constexpr std::size_t kMaxRoomNameBytes = 200;

struct Options {
    std::string bind = "0.0.0.0";
    std::uint16_t port = 12000;              // 0 = any free port
    std::string legacyPortText;              // --legacy-port as given; parsed into legacyPort
    std::optional<std::uint16_t> legacyPort; // the lab client's port; none: not served (0 = any free port)
    std::string dataPath;                    // SQLite file; filled with defaultDataPath() when not given
    bool dataFollowSymlink = false;          // dataPath may be a symbolic link
    std::string synchronous = "normal";      // SQLite's synchronous: "normal" or "full" (each commit fsynced)
    std::uint32_t history = 200;
    std::uint32_t maxClients = 1024;
    std::uint32_t maxPerIp = 64;
    double connectsPerIp = 10; // new connections a second from one address (AddressLimits)
    std::uint32_t maxMessageBytes = 4096;
    double rate = 20.0; // Say+Whisper per second, per connection
    std::uint32_t burst = 40;
    std::uint32_t heartbeatMs = 5000;
    std::uint32_t handshakeTimeoutMs = 10000;
    std::size_t maxQueueBytes = 8u << 20;
    std::uint32_t writeStallMs = 10000;
    std::uint32_t presenceGraceMs = 3000;
    std::uint32_t mailboxMax = 1000; // unread messages a registered name's mailbox keeps (Mailboxes)
    double mailExpiryDays = 90; // unread mail older than this is deleted (0: never)  // a lost connection is
                                // announced (Left) after this, unless resumed
    std::string accountsText = "optional"; // as given; parsed into accounts
    net::AccountPolicy accounts = net::AccountPolicy::Optional;
    bool allowPlaintext = false; // also serve clients without TLS (and protocol version 1)
    std::string roomName;        // announced on the network; empty: "imchat @ <host name>"; kMaxRoomNameBytes
    bool noAnnounce = false;     // do not announce the room over mDNS
    std::string tlsCert, tlsKey; // the operator's own; empty: made beside the database on first start
    std::string cluster;         // NATS URLs, comma-separated; empty: one node, SQLite numbers
    std::string clusterStream = "imchat-room"; // the JetStream stream of public messages
    std::uint32_t clusterReplicas = 3;
    std::uint32_t clusterNameTtl = 20; // seconds: see --cluster-name-ttl
    bool printFingerprint = false;     // print the key's fingerprint and exit
    // Operator requests to the server running on the same database (its control socket), then exit:
    bool listNames = false;
    std::string resetPasswordOf; // the new password is read from stdin
    std::string releaseName;
    /// Whether one of the operator requests was given.
    bool controlRequest() const { return listNames || !resetPasswordOf.empty() || !releaseName.empty(); }
};

/// "off", "optional" or "required".
std::optional<net::AccountPolicy> parseAccountPolicy(std::string_view text);

/// Parses argv into out. Returns an exit code when the program should stop (--help, --version: 0;
/// bad flags: CLI11's code, 1 or more), nothing when the server should run.
std::optional<int> parseOptions(int argc, char** argv, Options& out);

} // namespace server

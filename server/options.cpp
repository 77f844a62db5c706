// Flags with getopt_long rather than CLI11: CLI11 brings iostreams, which brought 270 KB of code into the
// binary and made the server map and touch most of libstdc++ at start (see bench/README.md, idle memory).
#include "server/options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <getopt.h>
#include <string_view>
#include <type_traits>
#include <variant>

#include "net/validation.hpp"
#include "server/private_files.hpp"

namespace server {

namespace {

enum class Kind { Text, Unsigned, Real, Switch };

using Field = std::variant<std::string Options::*, std::uint16_t Options::*, std::uint32_t Options::*,
                           std::size_t Options::*, double Options::*, bool Options::*>;

struct Flag {
    const char* name;
    Field field;
    double min, max; // inclusive range of numbers
    const char* help;
};

// Order = order in --help. Ranges keep every value meaningful (e.g. a Chat of the longest text still fits in
// one 64 KiB frame).
const Flag kFlags[] = {
    {"bind", &Options::bind, 0, 0, "Address to listen on"},
    {"port", &Options::port, 0, 65535, "TCP port; 0 picks any free port"},
    {"data", &Options::dataPath, 0, 0, "SQLite database file (default: $XDG_DATA_HOME/imchat/server.db)"},
    {"data-follow-symlink", &Options::dataFollowSymlink, 0, 0,
     "Accept a --data that is a symbolic link (refused by default: a dangling link would choose where the "
     "database is made)"},
    {"synchronous", &Options::synchronous, 0, 0,
     "normal (a commit survives a crash of the server) | full (also a power loss; each commit waits for the "
     "disk)"},
    {"history", &Options::history, 0, 10000, "Public messages sent to a newcomer"},
    {"max-clients", &Options::maxClients, 1, 1e6, "Connections accepted at once"},
    {"max-per-ip", &Options::maxPerIp, 1, 1e6, "Connections accepted at once from one address"},
    {"connects-per-ip", &Options::connectsPerIp, 0.001, 1e9,
     "New connections a second from one address after a burst of --max-per-ip (ten times this from its /24 "
     "or /64)"},
    {"max-message-bytes", &Options::maxMessageBytes, 1, 60000, "Longest message text in UTF-8 bytes"},
    {"rate", &Options::rate, 0.001, 1e9, "Messages per second a connection may send (token bucket)"},
    {"burst", &Options::burst, 1, 1 << 30, "Token bucket size"},
    {"heartbeat-ms", &Options::heartbeatMs, 10, 3600000, "Client ping interval; silence for 3x this closes"},
    {"handshake-timeout-ms", &Options::handshakeTimeoutMs, 10, 3600000,
     "Time allowed for Hello, and for any one frame to arrive completely"},
    {"max-queue-bytes", &Options::maxQueueBytes, 1024, 17179869184.0,
     "Memory of outgoing messages queued per connection before it is cut off (keep it above one burst)"},
    {"presence-grace-ms", &Options::presenceGraceMs, 0, 60000,
     "A user whose connection was lost is announced as gone only if not back within this time (0: at once)"},
    {"mailbox-max", &Options::mailboxMax, 1, 1e6,
     "Unread messages kept for one offline registered name; one sender address may leave a tenth of them"},
    {"mail-expiry-days", &Options::mailExpiryDays, 0, 36500,
     "Unread mail older than this many days is deleted (0: never)"},
    {"write-stall-ms", &Options::writeStallMs, 10, 3600000,
     "A connection whose queued data makes no progress for this long is cut off"},
    {"accounts", &Options::accountsText, 0, 0,
     "off | optional (guests may use unregistered names) | required (every name registered)"},
    {"tls-cert", &Options::tlsCert, 0, 0,
     "TLS certificate (PEM) to use instead of the one made on first start"},
    {"tls-key", &Options::tlsKey, 0, 0, "Its private key (PEM)"},
    {"allow-plaintext", &Options::allowPlaintext, 0, 0,
     "Also serve clients without TLS (and protocol version 1): nothing they send is private"},
    {"legacy-port", &Options::legacyPortText, 0, 0,
     "Also serve the original lab's tkinter client on this TCP port (0: any free port), in its raw-text "
     "protocol: plaintext only, no private messages, no registered names (README, \"The lab's own client\")"},
    {"room-name", &Options::roomName, 0, 0,
     "The room's name, announced on the local network (mDNS/DNS-SD, _imchat._tcp) for windows to list "
     "(default: imchat @ <host name>)"},
    {"no-announce", &Options::noAnnounce, 0, 0, "Do not announce the room on the local network"},
    {"cluster", &Options::cluster, 0, 0,
     "nats://HOST:PORT[,...]: share the room with the other nodes on these NATS JetStream servers, which "
     "number and store the public messages (this node's database mirrors them)"},
    {"cluster-stream", &Options::clusterStream, 0, 0, "The JetStream stream of the room's public messages"},
    {"cluster-replicas", &Options::clusterReplicas, 1, 5,
     "Copies of the stream the NATS cluster keeps (3: a message survives the loss of a NATS server)"},
    {"cluster-name-ttl", &Options::clusterNameTtl, 2, 3600,
     "Seconds the names of a node's users stay claimed when it stops renewing them (it died): how long "
     "they still show as online on the other nodes. Set by the first node that makes the room's bucket"},
    {"fingerprint", &Options::printFingerprint, 0, 0,
     "Print the fingerprint of the server's TLS key (what clients pin) and exit"},
    {"list-names", &Options::listNames, 0, 0,
     "Ask the server running on --data for its registered names, print them and exit"},
    {"reset-password", &Options::resetPasswordOf, 0, 0,
     "NAME: give NAME a new password (read from stdin) on the running server; its device tokens are "
     "revoked and its session ends"},
    {"release-name", &Options::releaseName, 0, 0,
     "NAME: delete NAME's account on the running server (its private history stays hidden from whoever "
     "takes the name next)"},
};
constexpr int kFlagCount = static_cast<int>(sizeof kFlags / sizeof kFlags[0]);
constexpr int kHelp = 'h', kVersion = 1000;

Kind kindOf(const Flag& f) {
    if (std::holds_alternative<std::string Options::*>(f.field)) return Kind::Text;
    if (std::holds_alternative<bool Options::*>(f.field)) return Kind::Switch;
    return std::holds_alternative<double Options::*>(f.field) ? Kind::Real : Kind::Unsigned;
}

// The flag's value in o, as --help shows the default.
std::string valueText(const Options& o, const Flag& f) {
    return std::visit(
        [&](auto member) -> std::string {
            const auto& v = o.*member;
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<std::decay_t<decltype(v)>, bool>) {
                return {};
            } else {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.15g", static_cast<double>(v));
                return buf;
            }
        },
        f.field);
}

void store(Options& o, const Flag& f, const char* text, double v) {
    std::visit(
        [&](auto member) {
            auto& field = o.*member;
            using T = std::decay_t<decltype(field)>;
            if constexpr (std::is_same_v<T, std::string>) field = text;
            else if constexpr (std::is_same_v<T, bool>) field = true;
            else field = static_cast<T>(v);
        },
        f.field);
}

// A whole decimal number (integers for Unsigned flags) within the flag's range, else nothing.
bool parseNumber(const Flag& f, const char* text, double& out) {
    errno = 0;
    char* end = nullptr;
    out = std::strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !std::isfinite(out)) return false;
    const bool digitsOnly = std::string_view(text).find_first_not_of("0123456789") == std::string_view::npos;
    if (kindOf(f) == Kind::Unsigned && !digitsOnly) return false;
    return out >= f.min && out <= f.max;
}

void printHelp(const char* program, const Options& defaults) {
    std::printf("imchat-server: headless chat room server (single thread, SQLite history)\n"
                "Usage: %s [OPTIONS]\n\nOptions:\n"
                "  -h,--help                   Print this help message and exit\n"
                "  --version                   Display program version information and exit\n",
                program);
    for (int i = 0; i < kFlagCount; ++i) {
        const Flag& f = kFlags[i];
        const Kind kind = kindOf(f);
        std::string head = std::string("  --") + f.name +
                           (kind == Kind::Switch ? ""
                            : kind == Kind::Text ? " TEXT"
                                                 : " NUMBER");
        if (kind == Kind::Unsigned || kind == Kind::Real) {
            char range[64];
            std::snprintf(range, sizeof range, " in [%.15g - %.15g]", f.min, f.max);
            head += range;
        }
        if (const auto v = valueText(defaults, f); !v.empty()) head += "=" + v;
        std::printf("%-30s%s%s\n", head.c_str(), head.size() >= 30 ? "\n                              " : "",
                    f.help);
    }
}

int misuse(const std::string& what) {
    std::fprintf(stderr, "imchat-server: %s\nRun with --help for more information.\n", what.c_str());
    return 1;
}

} // namespace

std::optional<net::AccountPolicy> parseAccountPolicy(std::string_view text) {
    if (text == "off") return net::AccountPolicy::Off;
    if (text == "optional") return net::AccountPolicy::Optional;
    if (text == "required") return net::AccountPolicy::Required;
    return std::nullopt;
}

std::optional<int> parseOptions(int argc, char** argv, Options& out) {
    option longOptions[kFlagCount + 3] = {};
    for (int i = 0; i < kFlagCount; ++i)
        longOptions[i] = {kFlags[i].name, kindOf(kFlags[i]) == Kind::Switch ? no_argument : required_argument,
                          nullptr, i};
    longOptions[kFlagCount] = {"help", no_argument, nullptr, kHelp};
    longOptions[kFlagCount + 1] = {"version", no_argument, nullptr, kVersion};
    const Options defaults = out;
    opterr = 0; // our own messages
    optind = 1;
    for (;;) {
        const int c = getopt_long(argc, argv, ":h", longOptions, nullptr);
        if (c == -1) break;
        if (c == kHelp) {
            printHelp(argv[0], defaults);
            return 0;
        }
        if (c == kVersion) {
            std::printf("imchat-server %s\n", IMCHAT_VERSION);
            return 0;
        }
        if (c == ':') return misuse(std::string(argv[optind - 1]) + " needs a value");
        if (c == '?' || c < 0 || c >= kFlagCount)
            return misuse(std::string("unknown flag: ") + argv[optind - 1]);
        const Flag& f = kFlags[c];
        double v = 0;
        const Kind kind = kindOf(f);
        if ((kind == Kind::Unsigned || kind == Kind::Real) && !parseNumber(f, optarg, v)) {
            char range[96];
            std::snprintf(range, sizeof range, "%.15g to %.15g", f.min, f.max);
            return misuse(std::string("--") + f.name + ": '" + optarg + "' is not a " +
                          (kind == Kind::Unsigned ? "whole number" : "number") + " from " + range);
        }
        store(out, f, optarg, v);
    }
    if (optind < argc) return misuse(std::string("unexpected argument: ") + argv[optind]);
    if (out.dataPath.empty()) out.dataPath = defaultDataPath();
    if (const auto policy = parseAccountPolicy(out.accountsText)) out.accounts = *policy;
    else return misuse("--accounts: '" + out.accountsText + "' is not off, optional or required");
    if (!out.legacyPortText.empty()) {
        const std::string& text = out.legacyPortText;
        const bool digits = text.size() <= 5 && text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::strtoul(text.c_str(), nullptr, 10) > 65535)
            return misuse("--legacy-port: '" + text + "' is not a port from 0 to 65535");
        out.legacyPort = static_cast<std::uint16_t>(std::strtoul(text.c_str(), nullptr, 10));
        // A lab client's name would have to be claimed on every node first: not done yet.
        if (!out.cluster.empty()) return misuse("--legacy-port is not served in cluster mode (--cluster)");
    }
    // The name goes into a TXT string ("room=" + name, 255 bytes at most) and into every window's list.
    if (!out.roomName.empty() &&
        (net::validateText(out.roomName, kMaxRoomNameBytes) != net::ErrorCode::None ||
         out.roomName.find_first_of("\n\t") != std::string::npos))
        return misuse("--room-name: at most " + std::to_string(kMaxRoomNameBytes) +
                      " bytes of UTF-8 text on one line, not blank, without control characters");
    if (out.tlsCert.empty() != out.tlsKey.empty()) return misuse("--tls-cert and --tls-key go together");
    if (out.synchronous != "normal" && out.synchronous != "full")
        return misuse("--synchronous: '" + out.synchronous + "' is not normal or full");
    if (out.listNames + !out.resetPasswordOf.empty() + !out.releaseName.empty() > 1)
        return misuse("one of --list-names, --reset-password, --release-name at a time");
    return std::nullopt;
}

} // namespace server

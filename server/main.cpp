// imchat-server: wires the parts together. Exit codes: 0 normal stop, 1 bad flags or unexpected error,
// 2 cannot listen (or open the control socket), 3 cannot open the database, 4 cannot read or make the TLS
// key, 5 (--list-names, --reset-password, --release-name) no server runs on that database, 6 cannot reach
// the cluster (--cluster).
#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/ip/host_name.hpp>
#include <asio/signal_set.hpp>

#include "net/fingerprint.hpp"
#include "net/name_rules.hpp"
#include "server/account_store.hpp"
#include "server/accounts.hpp"
#include "server/cluster/name_claims.hpp"
#include "server/cluster/room_stream.hpp"
#include "server/cluster/shared_accounts.hpp"
#include "server/control_client.hpp"
#include "server/control_socket.hpp"
#include "server/descriptor_limit.hpp"
#include "server/listener.hpp"
#include "server/options.hpp"
#include "server/password_hasher.hpp"
#include "server/private_files.hpp"
#include "server/process_setup.hpp"
#include "server/registry.hpp"
#include "server/room.hpp"
#include "server/room_announcer.hpp"
#include "server/status.hpp"
#include "server/storage.hpp"
#include "server/tls_identity.hpp"

namespace {

/// Password checks waiting for the hasher at most (each costs 64 MiB while it runs, one at a time); more are
/// answered LoginThrottled, try again.
constexpr std::size_t kMaxQueuedPasswordChecks = 128;

/// A cluster's stream as the flags describe it: --cluster is a comma-separated list of NATS URLs; each stream
/// has the subject of its own name, so that rooms of different --cluster-stream share NATS servers.
server::RoomStream::Config clusterConfig(const server::Options& options, const std::string& stream) {
    server::RoomStream::Config config;
    for (std::size_t start = 0; start <= options.cluster.size();) {
        const std::size_t comma = std::min(options.cluster.find(',', start), options.cluster.size());
        if (comma > start) config.urls.push_back(options.cluster.substr(start, comma - start));
        start = comma + 1;
    }
    config.stream = config.subject = stream;
    config.replicas = static_cast<int>(options.clusterReplicas);
    return config;
}

/// However run() ends (a stop, a port in use, an exception), the cluster's links end and nats.c's threads are
/// joined before the links are freed: a callback of theirs into a freed link crashed a node that could not
/// listen. The connections close first, so that a node stops at once also when NATS is gone.
struct ClusterShutdown {
    std::unique_ptr<server::NameClaims>& claims;
    std::unique_ptr<server::SharedAccounts>& sharedAccounts;
    std::vector<std::unique_ptr<server::RoomStream>*> links;
    ~ClusterShutdown() {
        // First the connections: with NATS away, every blocked request would wait for its timeout.
        for (auto* link : links)
            if (*link) (*link)->interrupt();
        claims.reset();
        sharedAccounts.reset();
        for (auto* link : links)
            if (*link) (*link)->close();
        server::RoomStream::closeLibrary();
    }
};

/// The server from its flags to its stop; returns the exit code (see the top of this file).
int run(int argc, char** argv) {
    server::Options options;
    if (auto code = server::parseOptions(argc, argv, options)) return *code;
    // On stderr: the first line on stdout is the listening line scripts wait for.
    if (const auto warning =
            server::raiseDescriptorLimit(options.maxClients + server::kDescriptorsBesideClients);
        !warning.empty())
        std::fprintf(stderr, "imchat-server: warning: %s\n", warning.c_str());
    const auto loadTls = [&options]() -> std::unique_ptr<server::TlsIdentity> {
        try {
            return server::TlsIdentity::load(server::folderOf(options.dataPath), options.tlsCert,
                                             options.tlsKey);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "imchat-server: %s\n", e.what());
            return nullptr;
        }
    };
    const std::string controlPath = server::ControlSocket::pathFor(options.dataPath);
    if (options.controlRequest()) return server::runControlRequest(options, controlPath);
    if (options.printFingerprint) {
        const auto tls = loadTls();
        if (!tls) return 4;
        std::printf("%s\n", net::displayFingerprint(tls->fingerprint()).c_str());
        return 0;
    }
    try {
        asio::io_context io(1);
        std::unique_ptr<server::Storage> storage;
        try {
            storage = std::make_unique<server::Storage>(options.dataPath, options.dataFollowSymlink);
            if (options.synchronous == "full") storage->syncEveryCommit();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "imchat-server: cannot open database %s: %s\n", options.dataPath.c_str(),
                         e.what());
            return 3;
        }
        const auto tls = loadTls();
        if (!tls) return 4;
        server::Status status(stdout, server::isTerminal(stdout));
        server::AccountStore accountStore(storage->handle());
        server::Room room(io, *storage, accountStore, options, status);
        server::PasswordHasher hasher(io, kMaxQueuedPasswordChecks);
        server::Accounts accounts(io, accountStore, hasher, status, options,
                                  [&room] { return room.latestPrivateSeq(); });
        std::unique_ptr<server::RoomStream> stream, privateStream;
        // These use the stream's link: they go first.
        std::unique_ptr<server::NameClaims> claims;
        std::unique_ptr<server::SharedAccounts> sharedAccounts;
        const ClusterShutdown shutdown{claims, sharedAccounts, {&stream, &privateStream}};
        if (!options.cluster.empty()) {
            stream = std::make_unique<server::RoomStream>(io, clusterConfig(options, options.clusterStream));
            privateStream = std::make_unique<server::RoomStream>(
                io, clusterConfig(options, options.clusterStream + "-private"));
            stream->onNews([&status](const std::string& news) { status.log("cluster: " + news); });
            privateStream->onNews(
                [&status](const std::string& news) { status.log("cluster (private): " + news); });
            std::string why = stream->open();
            if (why.empty()) why = privateStream->open();
            if (why.empty()) {
                claims = std::make_unique<server::NameClaims>(
                    io, *stream,
                    server::NameClaims::Config{.bucket = options.clusterStream + "-names",
                                               .replicas = static_cast<int>(options.clusterReplicas),
                                               .ttl = std::chrono::seconds(options.clusterNameTtl),
                                               .guestsBucket = options.clusterStream + "-guests"});
                why = claims->open();
            }
            if (why.empty()) {
                sharedAccounts = std::make_unique<server::SharedAccounts>(
                    io, *stream, accountStore,
                    server::SharedAccounts::Config{.bucket = options.clusterStream + "-accounts",
                                                   .replicas = static_cast<int>(options.clusterReplicas)});
                why = sharedAccounts->open();
            }
            if (why.empty()) {
                room.useStream(*stream);
                room.usePrivateStream(*privateStream);
                room.useClaims(*claims);
                accounts.useCluster(*sharedAccounts);
                // A password changed or a name released on another node ends its session here, as it would
                // there.
                sharedAccounts->onRevoked([&room](const std::string& key) { room.signOut(key); });
                why = room.followStream(); // what it reads is handled once the loop runs
            }
            if (!why.empty()) {
                std::fprintf(stderr, "imchat-server: --cluster %s: %s\n", options.cluster.c_str(),
                             why.c_str());
                return 6;
            }
        }
        server::Registry registry(io, options);
        registry.setTlsContext(tls->context().native_handle());
        registry.setAccounts(&accounts);
        server::AddressLimits limits(options);
        server::Listener listener(io, options, registry, room, status, limits);
        std::unique_ptr<server::Listener> labListener; // --legacy-port
        if (options.legacyPort)
            labListener = std::make_unique<server::Listener>(io, options, registry, room, status, limits,
                                                             server::Listener::Kind::Lab);
        server::ControlSocket control(io, controlPath, accounts, room, status);
        if (const auto ec = control.open(); ec == asio::error::address_family_not_supported) {
            // Windows before 10 1803, and Wine, have no UNIX sockets: the room runs, the operator's requests
            // not.
            std::fprintf(stderr,
                         "imchat-server: warning: no control socket (this system has no UNIX sockets): "
                         "--list-names, --reset-password and --release-name cannot reach this server\n");
        } else if (ec) {
            std::fprintf(stderr, "imchat-server: cannot open the control socket %s: %s\n",
                         controlPath.c_str(),
                         ec == std::errc::address_in_use ? "another server runs on this database"
                                                         : ec.message().c_str());
            return 2;
        }
        // Installed before the listening line: whoever reads that line may signal us right away.
        asio::signal_set signals(io);
        for (const int signal : server::stopSignals()) signals.add(signal);
        if (const auto ec = listener.open()) {
            std::fprintf(stderr, "imchat-server: cannot listen on %s:%u: %s\n", options.bind.c_str(),
                         static_cast<unsigned>(options.port),
                         ec == asio::error::address_in_use ? "address already in use" : ec.message().c_str());
            return 2;
        }
        if (const auto ec = labListener ? labListener->open() : std::error_code()) {
            std::fprintf(stderr, "imchat-server: cannot listen for lab clients on %s:%u: %s\n",
                         options.bind.c_str(), static_cast<unsigned>(*options.legacyPort),
                         ec == asio::error::address_in_use ? "address already in use" : ec.message().c_str());
            return 2;
        }
        // Scripts and tests parse this exact first line for the real port.
        const auto ep = listener.endpoint();
        std::printf("listening on %s:%u\n", options.bind.c_str(), static_cast<unsigned>(ep.port()));
        // What clients pin on first contact: the operator reads it out to whoever compares.
        std::printf("tls key %s (%s)%s\n", net::displayFingerprint(tls->fingerprint()).c_str(),
                    tls->keyPath().c_str(), options.allowPlaintext ? "; plaintext allowed too" : "");
        // Tests parse this line for the lab's port (the real one when --legacy-port 0).
        if (labListener)
            std::printf("lab clients on %s:%u (plaintext, the lab's raw text)\n", options.bind.c_str(),
                        static_cast<unsigned>(labListener->endpoint().port()));
        std::fflush(stdout);
        if (storage->rekeyedPrivates() > 0)
            status.log("database: name keys of " + std::to_string(storage->rekeyedPrivates()) +
                       " private message(s) computed anew (" + net::nameKeyVersion() + ")");
        // Announced once it listens, withdrawn before it stops (destroyed before the io_context).
        std::unique_ptr<server::RoomAnnouncer> announcer;
        if (!options.noAnnounce) {
            announcer = std::make_unique<server::RoomAnnouncer>(
                io, status,
                server::RoomAnnouncer::Config{.roomName = options.roomName.empty()
                                                              ? "imchat @ " + asio::ip::host_name()
                                                              : options.roomName,
                                              .bindAddress = options.bind,
                                              .port = ep.port(),
                                              .plaintextToo = options.allowPlaintext,
                                              .fingerprint = tls->fingerprint()},
                [&room] { return room.roomSize(); });
            announcer->start();
        }
        status.online(0);
        listener.start();
        if (labListener) labListener->start();
        control.start();

        signals.async_wait([&](const std::error_code& ec, int) {
            if (ec) return;
            status.log("signal: shutting down");
            listener.close();
            if (labListener) labListener->close();
            control.close();
            room.flush(); // deliver (and make durable) the last burst before telling everyone we stop
            registry.shutdown([&io] { io.stop(); });
        });
        io.run();
        status.finish();
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "imchat-server: %s\n", e.what());
        return 1;
    }
}

} // namespace

int main(int argc, char** argv) {
    server::prepareProcess();
    const int code = run(argc, argv);
    server::holdConsoleOnFailure(code);
    return code;
}

// imchat-server: wires the parts together. Exit codes: 0 normal stop, 1 bad flags or unexpected error,
// 2 cannot listen, 3 cannot open the database.
#include <csignal>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <unistd.h>

#include "net/name_rules.hpp"
#include "server/descriptor_limit.hpp"
#include "server/listener.hpp"
#include "server/options.hpp"
#include "server/registry.hpp"
#include "server/room.hpp"
#include "server/status.hpp"
#include "server/storage.hpp"

int main(int argc, char** argv) {
    server::Options options;
    if (auto code = server::parseOptions(argc, argv, options)) return *code;
    std::signal(SIGPIPE, SIG_IGN); // a closed stdout must not kill the server
    std::signal(SIGXFSZ, SIG_IGN); // a file-size limit is a full disk: a failed write we report, not a crash
    // On stderr: the first line on stdout is the listening line scripts wait for.
    if (const auto warning =
            server::raiseDescriptorLimit(options.maxClients + server::kDescriptorsBesideClients);
        !warning.empty())
        std::fprintf(stderr, "imchat-server: warning: %s\n", warning.c_str());
    try {
        asio::io_context io(1);
        std::unique_ptr<server::Storage> storage;
        try {
            storage = std::make_unique<server::Storage>(options.dataPath);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "imchat-server: cannot open database %s: %s\n", options.dataPath.c_str(),
                         e.what());
            return 3;
        }
        server::Status status(stdout, isatty(fileno(stdout)) == 1);
        server::Room room(io, *storage, options, status);
        server::Registry registry(io, options);
        server::Listener listener(io, options, registry, room, status);
        // Installed before the listening line: whoever reads that line may signal us right away.
        asio::signal_set signals(io, SIGINT, SIGTERM);
        if (const auto ec = listener.open()) {
            std::fprintf(stderr, "imchat-server: cannot listen on %s:%u: %s\n", options.bind.c_str(),
                         static_cast<unsigned>(options.port),
                         ec == asio::error::address_in_use ? "address already in use" : ec.message().c_str());
            return 2;
        }
        // Scripts and tests parse this exact first line for the real port.
        const auto ep = listener.endpoint();
        std::printf("listening on %s:%u\n", options.bind.c_str(), static_cast<unsigned>(ep.port()));
        std::fflush(stdout);
        if (storage->rekeyedPrivates() > 0)
            status.log("database: name keys of " + std::to_string(storage->rekeyedPrivates()) +
                       " private message(s) computed anew (" + net::nameKeyVersion() + ")");
        status.online(0);
        listener.start();

        signals.async_wait([&](const std::error_code& ec, int) {
            if (ec) return;
            status.log("signal: shutting down");
            listener.close();
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

#include "server/control_client.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include <asio/io_context.hpp>
#include <asio/local/stream_protocol.hpp>
#include <asio/read.hpp>
#include <asio/write.hpp>

#include "server/control_socket.hpp"
#include "server/secret_input.hpp"

namespace server {
namespace {

constexpr int kNoServer = 5;

/// The new password; at a terminal asked for twice, without echo.
std::optional<std::string> readNewPassword() {
    auto first = readSecretLine("new password: ");
    if (!first || !inputIsTerminal()) return first;
    if (readSecretLine("again: ") != first) {
        std::fprintf(stderr, "imchat-server: the two passwords differ\n");
        return std::nullopt;
    }
    return first;
}

/// Sends the request and reads the answer to its end, within the deadline (the server answers within its
/// own 10 s). An empty answer when the server said nothing.
std::string exchange(asio::local::stream_protocol::socket& socket, asio::io_context& io,
                     std::string& request) {
    std::string answer;
    asio::async_write(socket, asio::buffer(request), [&](const std::error_code& ec, std::size_t) {
        std::fill(request.begin(), request.end(), '\0'); // the password
        if (ec) return;
        asio::async_read(socket, asio::dynamic_buffer(answer), [](const std::error_code&, std::size_t) {});
    });
    io.run_for(std::chrono::seconds(15));
    return answer;
}

} // namespace

int runControlRequest(const Options& options, const std::string& socketPath) {
    std::string request;
    if (options.listNames) {
        request = "list";
    } else if (!options.releaseName.empty()) {
        request = "release\t" + options.releaseName;
    } else {
        const auto password = readNewPassword();
        if (!password) return 1;
        request = "reset-password\t" + options.resetPasswordOf + "\t" + *password;
    }
    if (request.find('\n') != std::string::npos || request.size() > 4000) {
        std::fprintf(stderr, "imchat-server: a name or password holds a line break or is too long\n");
        return 1;
    }
    request += '\n';

    if (socketPath.size() > ControlSocket::kMaxPathBytes) {
        std::fprintf(stderr, "imchat-server: the control socket path is too long: %s\n", socketPath.c_str());
        return 1;
    }
    asio::io_context io(1);
    asio::local::stream_protocol::socket socket(io);
    std::error_code ec;
    socket.connect(asio::local::stream_protocol::endpoint(socketPath), ec);
    if (ec) {
        std::fprintf(stderr,
                     "imchat-server: no server is running on %s (no answer on %s); start it first: the "
                     "operator's requests go to the running server, so that nothing stops\n",
                     options.dataPath.c_str(), socketPath.c_str());
        return kNoServer;
    }
    const std::string answer = exchange(socket, io, request);
    if (answer.rfind("ok", 0) == 0) {
        const auto body = answer.find('\n');
        if (body != std::string::npos) std::fputs(answer.c_str() + body + 1, stdout);
        return 0;
    }
    std::fprintf(stderr, "imchat-server: %s",
                 answer.empty() ? "no answer from the server\n"
                                : answer.substr(answer.find(' ') + 1).c_str());
    return 1;
}

} // namespace server

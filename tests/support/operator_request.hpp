#pragma once
// The operator's requests to a running server (imchat-server --list-names, --reset-password, --release-name
// on the server's own --data), as a separate process the way an operator types them.
//   const auto r = support::operatorRuns(server, {"--reset-password", "henry"}, "henry's new password\n");
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"

namespace support {

/// imchat-server with args on server's database, stdin from a file holding input.
inline RunResult operatorRuns(const ServerProcess& server, std::vector<std::string> args,
                              const std::string& input = "") {
    ScratchDir dir("operator");
    std::ofstream(dir.path() / "stdin") << input;
    args.insert(args.begin(), {"--data", server.dataPath()});
    return runToEnd({ServerProcess::binaryPath(), args, {}, {}, {}, false, dir.path() / "stdin"},
                    std::chrono::seconds(20));
}

} // namespace support

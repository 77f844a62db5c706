#pragma once
// The operator's side of the control socket (control_socket.hpp): imchat-server --list-names,
// --reset-password NAME, --release-name NAME send one request to the server running on the same database and
// print its answer.
#include <string>

#include "server/options.hpp"

namespace server {

/// Exit codes: 0 done, 1 refused (the answer says why), 5 no server is running on that database.
int runControlRequest(const Options& options, const std::string& socketPath);

} // namespace server

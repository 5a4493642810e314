#pragma once

#include <string>
#include <vector>

namespace flashlake::cli {

// `flashlake serve` (alias `server`): the MySQL protocol server over a warehouse. Runs until
// SIGINT or SIGTERM; returns the process exit code.
int RunServer(const std::vector<std::string>& args);

}  // namespace flashlake::cli

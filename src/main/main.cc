// The flashlake binary: `flashlake sql` (embedded shell), `flashlake sqltest` (SQL logic tests),
// `flashlake server` (alias `serve`: the MySQL protocol and HTTP servers), `flashlake version`.

#include <cstdio>
#include <string>
#include <vector>

#include "common/allocator_tuning.h"
#include "main/server_command.h"
#include "main/sql_shell.h"
#include "main/sqllogic/runner.h"

namespace {

constexpr const char* kUsage =
    "usage: flashlake <command> [options]\n"
    "commands:\n"
    "  server   MySQL protocol and HTTP server on a warehouse (flashlake server --help; alias serve)\n"
    "  sql      SQL shell on an embedded warehouse (flashlake sql --help)\n"
    "  sqltest  run SQL logic test files: flashlake sqltest [--backend inprocess|mysql] PATH...\n"
    "  version  print the version\n";

}  // namespace

int main(int argc, char** argv) {
    flashlake::TuneAllocatorForAnalytics();
    if (argc < 2) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::string command = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "serve" || command == "server") return flashlake::cli::RunServer(args);
    if (command == "sql") return flashlake::cli::RunSqlShell(args);
    if (command == "sqltest") return flashlake::cli::sqllogic::RunSqlLogicTests(args);
    if (command == "version" || command == "--version") {
        std::puts("flashlake 0.1.0");
        return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    std::fprintf(stderr, "flashlake: unknown command '%s'\n%s", command.c_str(), kUsage);
    return 2;
}

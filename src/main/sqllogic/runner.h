#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

namespace flashlake::engine {
class Engine;
}

namespace flashlake::cli::sqllogic {

// The result of one statement as text: rows of values (NULL as "NULL", empty string as "(empty)").
struct TextResult {
    bool has_rows = false;
    std::vector<std::vector<std::string>> rows;
};

// Where the statements of a test file run. Each file gets a fresh backend on a fresh warehouse.
class Backend {
public:
    virtual ~Backend() = default;
    virtual Result<TextResult> Execute(const std::string& sql) = 0;
};

// Makes a backend for one test file, with its own temporary warehouse directory.
class BackendFactory {
public:
    virtual ~BackendFactory() = default;
    virtual std::string name() const = 0;  // "inprocess" or "mysql"
    virtual Result<std::unique_ptr<Backend>> Create(const std::string& warehouse) = 0;
};

std::unique_ptr<BackendFactory> MakeInProcessBackendFactory();

// The engine a backend runs a test file on: `warehouse`, two worker threads.
Result<std::unique_ptr<engine::Engine>> OpenTestEngine(const std::string& warehouse);

// `flashlake sqltest [--backend inprocess|mysql] PATH...`: runs every *.test file under the paths and
// prints a failure report per failed record and a closing "N passed, N failed" line. Returns the
// process exit code (0 when all passed).
int RunSqlLogicTests(const std::vector<std::string>& args);

}  // namespace flashlake::cli::sqllogic

#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace flashlake::engine {

// One client connection as SHOW PROCESSLIST shows it.
struct ProcessInfo {
    uint64_t id = 0;
    std::string user;
    std::string host;
    std::string database;  // empty: none selected (shown as NULL)
    std::string command;   // "Sleep", "Query", "Execute", ...
    int64_t seconds = 0;   // in the current command (or idle)
    std::string state;
    std::string info;      // the statement running, empty when idle (shown as NULL)
};

// The live connections of a server, which sessions consult for SHOW PROCESSLIST and KILL. The
// server that owns the connections implements it (server/mysql); an embedded session has none.
// Thread-safe: any session may call it while connections come and go.
class ProcessList {
public:
    virtual ~ProcessList() = default;
    // Every open connection, by id.
    virtual std::vector<ProcessInfo> List() const = 0;
    // KILL QUERY (`connection` false) cancels the statement connection `id` is running, if any;
    // KILL [CONNECTION] also closes the connection. kUnknownThread when no such connection is open.
    virtual Status Kill(uint64_t id, bool connection) = 0;
};

}  // namespace flashlake::engine

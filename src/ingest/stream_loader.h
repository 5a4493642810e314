#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "ingest/load_request.h"

namespace flashlake::io {
class FileSystem;
}
namespace flashlake::catalog {
class Catalog;
}
namespace flashlake::functions {
class FunctionRegistry;
}

namespace flashlake::ingest {

class IngestServices;

// The services a load needs, lent by the engine (which this layer does not know).
struct LoadEnvironment {
    io::FileSystem* fs = nullptr;
    catalog::Catalog* catalog = nullptr;
    const functions::FunctionRegistry* functions = nullptr;
    std::string commit_user;
    std::function<int64_t()> next_commit_identifier;
    // Group commit, backpressure and load tracking; null: each load commits its own snapshot.
    IngestServices* services = nullptr;
};

// Runs stream loads: parses the body in batches of rows, maps and casts them to the table's
// columns, writes the good rows into new data files, and commits them in one snapshot that
// records the label (with `services`, a snapshot shared with the concurrent loads of the table:
// group commit, see group_committer.h), so that a retried label is answered "Label Already Exists" instead of
// loading twice (the commit refuses a label any snapshot holds, atomically). When too many rows
// are rejected (max_filter_ratio), the load times out or anything fails, the files written are
// deleted and nothing is committed.
//
// Thread-safe: loads run concurrently.
class StreamLoader {
public:
    explicit StreamLoader(LoadEnvironment environment) : environment_(std::move(environment)) {}

    // Never fails as a call: failures are a LoadResult with status kFail and a message.
    LoadResult Load(const LoadRequest& request) const;

private:
    LoadEnvironment environment_;
};

}  // namespace flashlake::ingest

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/snapshot.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Reads snapshot files and the LATEST / EARLIEST hints of one table (or branch) directory.
// Hints are the id as decimal text, written after a commit (LATEST) or an expiration (EARLIEST);
// they may be stale or missing, so they are only trusted when the files agree (Paimon's
// HintFileUtils):
//   latest    trust LATEST = n only if snapshot-(n+1) does not exist (and, stricter than Java,
//             snapshot-n does), else list the directory
//   earliest  trust EARLIEST = n only if snapshot-n exists, else list the directory
// The file system is not owned and must outlive the manager.
class SnapshotManager {
public:
    // `root` is the table directory, or a branch directory from TablePaths::BranchPath.
    SnapshotManager(io::FileSystem* fs, std::string root) : fs_(fs), root_(std::move(root)) {}

    const std::string& root() const { return root_; }
    std::string SnapshotPath(int64_t id) const;

    Result<Snapshot> Read(int64_t id) const;
    Result<bool> Exists(int64_t id) const;
    // Snapshot ids present, ascending.
    Result<std::vector<int64_t>> ListIds() const;
    // nullopt when the table has no snapshot yet.
    Result<std::optional<int64_t>> LatestId() const;
    Result<std::optional<int64_t>> EarliestId() const;
    Result<std::optional<Snapshot>> Latest() const;

    // Replace the hint files atomically.
    Status WriteLatestHint(int64_t id) const;
    Status WriteEarliestHint(int64_t id) const;

private:
    // The id in a hint file, or nullopt when it is missing or unreadable (hints are advisory).
    Result<std::optional<int64_t>> ReadHint(const char* name) const;

    io::FileSystem* fs_;
    std::string root_;
};

}  // namespace flashlake::lake

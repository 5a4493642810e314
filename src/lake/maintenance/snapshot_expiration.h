#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "common/result.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

struct TableSchema;

// Paimon's snapshot retention options.
struct SnapshotExpireOptions {
    int32_t retain_min = 10;                                   // snapshot.num-retained.min
    int32_t retain_max = std::numeric_limits<int32_t>::max();  // snapshot.num-retained.max
    int64_t time_retained_ms = 3600 * 1000;                    // snapshot.time-retained
    int32_t expire_limit = 50;                                 // snapshot.expire.limit: per call
    int64_t now_millis = 0;                                    // the wall clock when 0

    // The options of `schema`, Paimon's defaults for those it does not set.
    static Result<SnapshotExpireOptions> FromSchema(const TableSchema& schema);
};

struct SnapshotExpireResult {
    int64_t expired_snapshots = 0;
    int64_t deleted_data_files = 0;  // data, extra and changelog files
    int64_t deleted_index_files = 0;
    int64_t deleted_metadata_files = 0;  // manifests, manifest lists, index manifests
    int64_t kept_external_files = 0;     // files outside the table, never deleted here
    std::optional<int64_t> earliest;     // the earliest snapshot afterwards
};

// Expires old snapshots of the table at `table_path` (paimon ExpireSnapshotsImpl): keeps at
// least retain_min and at most retain_max snapshots, and among the rest expires those followed
// by a snapshot older than now - time_retained, at most expire_limit per call, never a snapshot
// a consumer (consumer/consumer-<id>, {"nextSnapshot": N}) still needs.
//
// Snapshots are expired oldest first, one at a time. For snapshot k (k+1 exists and is kept
// for this step):
//   1. data files deleted by k+1's delta (live in k, gone from k+1 on) and their extra files,
//      except files that delta adds back at another level; index files live in k but not k+1;
//   2. manifests of k's lists that k+1's lists do not hold, k's index manifest if k+1 does not
//      share it, then k's manifest lists (and changelog list, manifests and files);
//   3. the directories of 1-2 are synced, then snapshot-k is deleted and its directory synced;
// and after the last step the EARLIEST hint. A crash or power loss at any point leaves every
// snapshot from k+1 on intact and readable (only k, the one being expired, may have lost
// files), and never undoes a step's deletions without undoing the snapshot's own; the next
// call resumes with k, skipping files already gone. Tables with tags or branches share files
// beyond their snapshots and are refused with kNotSupported for now.
Result<SnapshotExpireResult> ExpireSnapshots(io::FileSystem* fs, const std::string& table_path,
                                             const SnapshotExpireOptions& options);

}  // namespace flashlake::lake

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/commit/commit_request.h"
#include "lake/index_manifest_entry.h"
#include "lake/manifest_entry.h"
#include "lake/snapshot.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// The changes of one commit attempt, computed against the snapshot it will follow.
struct CommitPlan {
    // The delta manifest's entries: DELETE entries first, then ADD entries.
    std::vector<ManifestEntry> delta;
    // When the commit changes index files: the complete live index list after it (the index
    // manifest lists every live index file, not a delta).
    bool index_changed = false;
    std::vector<IndexManifestEntry> index;
    // Rows added minus rows deleted (row counts of the files).
    int64_t delta_record_count = 0;
    // Rows of all live files after the commit.
    int64_t total_record_count = 0;
};

// Checks a request against the table's latest schema: kinds, partition arity, file names and
// schema ids; an OVERWRITE lists no deleted files and, for kPartitions, no file outside the
// listed partitions. kInvalidArgument / kNotSupported say what is wrong.
Status ValidateCommitRequest(const CommitRequest& request, const TableSchema& schema);

// Builds the plan of `request` on top of `latest` (none for an empty table): turns messages
// into entries, expands an OVERWRITE into DELETE entries for every live file (and index file) in
// its scope, and runs the conflict checks (conflict_checker.h) whenever the commit deletes
// files, compacts, or adds files above level 0 to a primary-key table. Conflicts are
// kCommitConflict.
Result<CommitPlan> PlanCommit(io::FileSystem* fs, const std::string& table_path, const CommitRequest& request,
                              const std::optional<Snapshot>& latest, const TableSchema& schema);

}  // namespace flashlake::lake

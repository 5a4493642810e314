#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "lake/index_manifest_entry.h"
#include "lake/manifest_entry.h"

namespace flashlake::lake {

struct TableSchema;

// Checks a commit's changes against the files of the snapshot it is about to follow (paimon
// ConflictDetection), so that a retry after a lost race re-validates its assumptions:
//
//   - every file the commit deletes is still live: otherwise a concurrent compaction or
//     overwrite removed it first ("the same bucket was compacted twice");
//   - no file it adds is live already;
//   - the files left in each partition it touches agree on the bucket count;
//   - for primary-key tables, the files of each level >= 1 of each touched bucket have
//     disjoint key ranges (two compactions of one bucket would otherwise interleave runs);
//   - every index file it deletes is still live (a concurrent deletion-vector update).
//
// `live` are the ADD entries of the base snapshot (`base_snapshot_id`, 0 for none), `delta` the
// commit's entries. A violation is kCommitConflict naming the file, partition and bucket; the
// commit must fail rather than retry (its input is stale).
Status CheckCommitConflicts(const std::vector<ManifestEntry>& live, const std::vector<ManifestEntry>& delta,
                            const std::vector<IndexManifestEntry>& live_index,
                            const std::vector<IndexManifestEntry>& deleted_index, const TableSchema& schema,
                            int64_t base_snapshot_id);

}  // namespace flashlake::lake

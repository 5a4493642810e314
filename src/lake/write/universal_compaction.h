#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.h"
#include "lake/data_file_meta.h"

namespace flashlake::lake {

struct TableSchema;

// One sorted run of an LSM bucket: a level-0 file, or all files of one level >= 1.
struct LevelSortedRun {
    int32_t level = 0;
    std::vector<DataFileMeta> files;
    int64_t total_size = 0;
};

// What a compaction rewrites: every file of some runs, into `output_level`.
struct CompactUnit {
    int32_t output_level = 0;
    std::vector<DataFileMeta> files;
};

// The options of Paimon's universal compaction (CoreOptions): `num-sorted-run.compaction-trigger`
// (5), `compaction.max-size-amplification-percent` (200), `compaction.size-ratio` (1) and
// `num-levels` (trigger + 1, raised to cover the levels files are already at).
struct UniversalCompactionOptions {
    int32_t compaction_trigger = 5;
    int32_t max_size_amplification_percent = 200;
    int32_t size_ratio = 1;
    int32_t num_levels = 6;

    static Result<UniversalCompactionOptions> FromSchema(const TableSchema& schema);
};

// The sorted runs of a bucket's files, newest first, as Paimon's Levels lists them: each
// level-0 file its own run (by max sequence number descending, then min sequence number, then
// name), then each non-empty level >= 1 as one run (its files by min key order as given).
std::vector<LevelSortedRun> LevelSortedRuns(const std::vector<DataFileMeta>& files);

// Paimon's UniversalCompaction.pick (RocksDB's universal style) over `runs` (newest first):
//   1. size amplification: with at least `compaction_trigger` runs, if the size of all runs but
//      the oldest exceeds max_size_amplification_percent of the oldest, compact everything;
//   2. size ratio: with at least `compaction_trigger` runs, starting from the newest run, add the
//      next run while candidate size * (100 + size_ratio) / 100 >= its size (once two runs are
//      picked, further runs of levels 0 and 1 are absorbed regardless);
//   3. run count: with more than `compaction_trigger` runs, force-pick the newest
//      runs - trigger + 1 runs and extend them by size ratio.
// The output level is the level of the first run left out minus one, never 0 (runs are added
// until one above level 0 is found), and the highest level when every run is picked.
std::optional<CompactUnit> PickUniversalCompaction(const UniversalCompactionOptions& options,
                                                   const std::vector<LevelSortedRun>& runs);

// Every run into the highest level (a full compaction); nullopt when there is nothing to do
// (no files, or one run already at the highest level).
std::optional<CompactUnit> FullCompaction(const UniversalCompactionOptions& options,
                                          const std::vector<LevelSortedRun>& runs);

}  // namespace flashlake::lake

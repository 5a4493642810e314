#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "lake/lsm/field_aggregator.h"
#include "lake/read/read_context.h"
#include "lake/read/scan_predicate.h"
#include "lake/read/split.h"
#include "lake/snapshot.h"
#include "lake/table_files.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

struct ScanOptions {
    // Which snapshot: `snapshot_id`, else the latest with timeMillis <= `timestamp_millis`, else
    // the latest. An incremental scan reads the rows committed by the snapshots in
    // (incremental_between.first, incremental_between.second] instead.
    std::optional<int64_t> snapshot_id;
    std::optional<int64_t> timestamp_millis;
    std::optional<std::pair<int64_t, int64_t>> incremental_between;

    // Output columns by name, in this order; nullopt for every column of the read schema.
    std::optional<std::vector<std::string>> projection;
    // A conjunction used to skip partitions, buckets, files and row groups (hints, see
    // ScanPredicate). Predicates on unknown columns are kInvalidArgument.
    std::vector<ScanPredicate> predicates;
    // Counters of what pruning skipped (files at planning, row groups while reading); may be null.
    std::shared_ptr<ScanMetrics> metrics;
    // Output chunks end with a TINYINT RowKind column (always on for incremental scans).
    bool include_row_kind = false;
    // The schema rows are produced in. Default: the latest schema for latest and incremental
    // scans, the snapshot's own schema for time travel (as Paimon does).
    std::optional<int64_t> read_schema_id;

    // Append tables: files of a bucket are packed into splits of about this many bytes, each file
    // weighing at least `split_open_file_cost` (Paimon's source.split.*).
    int64_t split_target_size = int64_t{128} << 20;
    int64_t split_open_file_cost = int64_t{4} << 20;

    // Tables with deletion vectors (and first-row tables) keep not-yet-compacted rows in level-0
    // files, which Paimon's batch scans leave out. By default they are merged with the rest so
    // that a read sees every commit; set this to read as Paimon does.
    bool skip_level0_files = false;

    // Branch and external path mapping of the metadata read.
    ReadTableFilesOptions files;
    // Aggregate functions of aggregation tables; null for the built-in ones.
    std::shared_ptr<const lsm::FieldAggregatorRegistry> aggregators;
};

// The result of planning: independent splits and the context to read them with.
struct ScanPlan {
    // The snapshot read (the end snapshot of an incremental scan); nullopt for an empty table.
    std::optional<Snapshot> snapshot;
    // The context of the table's own splits: the output columns (OutputTypes()).
    std::shared_ptr<const ReadContext> context;
    std::vector<Split> splits;
    // What pruning removed.
    int64_t pruned_buckets = 0;
    int64_t pruned_files = 0;
};

// Scan planning over a Paimon table directory (Paimon §4.1-4.2): resolves the snapshot, reads
// its files (TableFiles), prunes partitions by exact partition values, files by min/max
// statistics where that is safe for the table kind, and groups what remains into splits:
//
//   append table         per (partition, bucket), files packed by size into kAppend splits
//   primary-key table    one split per (partition, bucket): kRaw when no merge is needed (a
//                        single file without retractions, or only level > 0 files without
//                        retractions and deletion vectors, the first-row engine or one level),
//                        else kMerge
//   incremental          one kIncremental split per (snapshot, partition, bucket) of the files
//                        each APPEND snapshot added (COMPACT snapshots change no rows; an
//                        OVERWRITE of an append table reads its removed files as -D rows)
//
// A table with `scan.fallback-branch` reads the partitions its own snapshot lacks from the latest
// snapshot of that branch (Paimon's FallbackReadFileStoreTable), which may be of another kind
// (a primary-key branch of an append table): each split carries its own ReadContext.
//
// A caller runs the splits on any threads: SplitReader::Make(fs, split).
//
// Tables this reader cannot read correctly are refused with kNotSupported at planning: data
// evolution (`data-evolution.enabled`), BLOB columns, non-Parquet data files, ORC manifests
// (from ReadTableFiles). Nested columns are refused when projected.
// The snapshot a scan with `options` reads (none for a table without snapshots) and the schema it
// reads under: the snapshot's own for time travel (Paimon's rule), else the latest.
Result<std::pair<std::optional<Snapshot>, TableSchema>> ResolveScanSnapshot(io::FileSystem* fs,
                                                                           const std::string& table_path,
                                                                           const ScanOptions& options);

class TableScan {
public:
    // `fs` is not owned and must outlive the scan and the readers of its plans.
    TableScan(io::FileSystem* fs, std::string table_path, ScanOptions options)
        : fs_(fs), table_path_(std::move(table_path)), options_(std::move(options)) {}

    Result<ScanPlan> Plan() const;

private:
    // The plan of one snapshot of one branch; adds the partitions of every bucket of the
    // snapshot (before pruning) to `partitions` when given.
    Result<ScanPlan> PlanSnapshot(const ScanOptions& options, std::set<std::string>* partitions) const;

    io::FileSystem* fs_;
    std::string table_path_;
    ScanOptions options_;
};

}  // namespace flashlake::lake

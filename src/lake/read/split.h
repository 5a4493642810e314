#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lake/binary_row.h"
#include "lake/data_file_meta.h"
#include "lake/manifest_entry.h"
#include "lake/table_files.h"
#include "types/value.h"

namespace flashlake::lake {

struct ReadContext;

// One data file of a split, with where it is and the deletion vector that applies to it.
struct SplitFile {
    DataFileMeta meta;
    std::string path;
    std::optional<DeletionFile> deletion_file;
    // Incremental splits only: kDelete when the snapshot removed the file (an OVERWRITE of an
    // append table), whose rows then read as -D.
    FileKind kind = FileKind::kAdd;
    // Only the row groups g with g % row_group_shards == row_group_shard are read, so that an
    // engine can read one large file on several threads (ShardLargeFiles).
    int32_t row_group_shard = 0;
    int32_t row_group_shards = 1;
};

enum class SplitKind : uint8_t {
    kAppend,       // append table: the files' rows, concatenated
    kRaw,          // primary-key bucket whose files need no merge (Paimon's raw-convertible)
    kMerge,        // primary-key bucket: sort-merge of its sorted runs by the merge engine
    kIncremental,  // rows a snapshot committed, each with its row kind, without merging
};

std::string_view SplitKindName(SplitKind kind);

// A unit of scan work: some or all files of one (partition, bucket), self-contained (it holds
// its ReadContext). Splits of a plan are independent; any number of them may be read at once,
// each by its own SplitReader.
struct Split {
    SplitKind kind = SplitKind::kAppend;
    int64_t snapshot_id = 0;  // the snapshot read; for kIncremental the one that committed the files
    BinaryRow partition;
    std::vector<Value> partition_values;  // decoded, in partition-key order
    int32_t bucket = 0;
    std::string bucket_path;
    std::vector<SplitFile> files;
    // How to read the split (schema, projection, merge engine), shared by the splits of a plan.
    std::shared_ptr<const ReadContext> context;

    // No merge needed: the files can be read one by one (and split further by an engine).
    bool raw_convertible() const { return kind != SplitKind::kMerge; }
    int64_t RowCount() const;
    int64_t FileSize() const;
};

}  // namespace flashlake::lake

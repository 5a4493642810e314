#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/data_file_meta.h"
#include "lake/index_manifest_entry.h"
#include "lake/snapshot.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Where the deletion vector of one data file is: a range of a deletion-vector index file.
struct DeletionFile {
    std::string path;  // the index file
    int64_t offset = 0;
    int64_t length = 0;
    std::optional<int64_t> cardinality;

    bool operator==(const DeletionFile&) const = default;
};

// The live files of one (partition, bucket) of a snapshot.
struct BucketFiles {
    BinaryRow partition;
    std::string partition_path;  // "k=v/..." ("" when unpartitioned)
    int32_t bucket = 0;
    int32_t total_buckets = 0;  // as the newest file of the bucket records it
    std::string bucket_path;    // the bucket directory inside the table
    // Sorted by level, then file name.
    std::vector<DataFileMeta> files;
    // Paths of `files`, in the same order: in the bucket directory, or the (mapped) external path.
    std::vector<std::string> file_paths;
    // Live index files of the bucket (deletion vectors, dynamic-bucket HASH, global indexes).
    std::vector<IndexFileMeta> index_files;
    std::vector<std::string> index_file_paths;
    // Data file name -> its deletion vector, for files with deletions.
    std::map<std::string, DeletionFile> deletion_files;

    int64_t RowCount() const;
};

// The files a snapshot is made of (Paimon §1.14): the fold of the ADD/DELETE entries of the
// base and delta manifest lists, grouped by partition and bucket, with the live index files
// (from the snapshot's index manifest, which lists them all) attached to their buckets.
struct TableFiles {
    Snapshot snapshot;
    TableSchema schema;  // the schema the snapshot was committed under
    // Ordered by partition bytes, then bucket.
    std::vector<BucketFiles> buckets;
    // DELETE entries whose ADD no manifest of the snapshot holds (dropped, as Paimon does; a
    // healthy table has none).
    int64_t orphan_deletes = 0;

    // Sum of row_count over all live data files: the snapshot's totalRecordCount.
    int64_t RowCount() const;
    size_t FileCount() const;
    // The bucket group of (partition, bucket), or null.
    const BucketFiles* Find(const BinaryRow& partition, int32_t bucket) const;
};

struct ReadTableFilesOptions {
    // The branch whose snapshot and schema are read; manifests and data are the table's.
    std::string branch = "main";
    // Rewrites of external path prefixes, first match wins: (prefix as the writer recorded it,
    // replacement), e.g. ("FILE:/tmp/external", "/data/ext") for files that were moved.
    // External paths are otherwise used as they are, with a "file:" scheme removed.
    std::vector<std::pair<std::string, std::string>> external_path_prefixes;
    // Files in the postpone bucket (-2) are invisible to readers unless asked for.
    bool include_postpone_bucket = false;
};

// The live files of snapshot `snapshot_id` of the table at `table_path`. Errors name the file
// at fault: a missing snapshot is kNotFound; a malformed or contradictory manifest (a file added
// twice) is kCorruption; ORC manifests are kNotSupported.
Result<TableFiles> ReadTableFiles(io::FileSystem* fs, const std::string& table_path, int64_t snapshot_id,
                                  const ReadTableFilesOptions& options = {});
Result<TableFiles> ReadTableFiles(io::FileSystem* fs, const std::string& table_path, const Snapshot& snapshot,
                                  const ReadTableFilesOptions& options = {});

}  // namespace flashlake::lake

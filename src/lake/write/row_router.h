#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "column/chunk.h"
#include "column/selection_vector.h"
#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/partition_path.h"
#include "lake/write/bucket_key_hasher.h"

namespace flashlake::lake {

struct WriteContext;

// A partition the writer has seen: its BinaryRow (as manifests hold it) and directory.
struct WritePartition {
    BinaryRow row;
    std::string path;  // "k=v/..." ("" when unpartitioned)
};

// The rows of a chunk that go to one (partition, bucket).
struct RouteGroup {
    uint32_t partition = 0;  // index into RowRouter::partition()
    int32_t bucket = 0;
    SelectionVector rows;  // empty when the group holds every row of the chunk
};

// Splits chunks by (partition, bucket), vectorized:
//   partition  the partition columns of every row are encoded once per chunk as normalized
//              keys; a row whose key equals the previous row's takes its partition, others are
//              looked up among the partitions seen so far; only a new partition builds its
//              BinaryRow and directory name (NULL and blank values get the default name)
//   bucket     0 for unaware-bucket tables and single-bucket tables, else BucketKeyHasher
// then one counting pass turns (partition, bucket) per row into a selection vector per group.
// Not thread-safe; `context` must outlive the router.
class RowRouter {
public:
    explicit RowRouter(const WriteContext* context);

    // Fills `groups` (cleared first) with the non-empty groups of `chunk`, in order of first row.
    Status Route(const Chunk& chunk, std::vector<RouteGroup>* groups);

    const WritePartition& partition(uint32_t index) const { return partitions_[index]; }
    size_t num_partitions() const { return partitions_.size(); }

private:
    struct KeyHash {
        using is_transparent = void;
        size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };
    using KeyMap = std::unordered_map<std::string, uint32_t, KeyHash, std::equal_to<>>;

    Status AssignPartitions(const Chunk& chunk);
    Result<uint32_t> NewPartition(const Chunk& chunk, size_t row, std::string_view key);

    const WriteContext* context_;
    std::vector<DataField> partition_fields_;
    PartitionPathOptions path_options_;
    BucketKeyHasher hasher_;
    std::vector<WritePartition> partitions_;
    KeyMap partition_by_key_;    // normalized partition key -> partition
    KeyMap partition_by_bytes_;  // BinaryRow bytes -> partition
    // Per-row scratch.
    std::vector<uint32_t> row_partition_;
    std::vector<int32_t> row_bucket_;
    std::vector<uint32_t> row_group_;
};

}  // namespace flashlake::lake

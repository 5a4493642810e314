#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lake/binary_row.h"
#include "lake/manifest_entry.h"

namespace flashlake::lake {

inline constexpr std::string_view kDeletionVectorsIndex = "DELETION_VECTORS";
inline constexpr std::string_view kHashIndex = "HASH";

// Where the deletion vector of one data file sits inside a deletion-vector index file.
struct DeletionVectorRange {
    std::string data_file_name;
    int32_t offset = 0;                  // of the vector's 4-byte length prefix
    int32_t length = 0;                  // see the DV format (paimon.md §1.11): excludes prefix and CRC for 32-bit DVs
    std::optional<int64_t> cardinality;  // deleted rows; absent in older manifests

    bool operator==(const DeletionVectorRange&) const = default;
};

// A global (cross-bucket) index over a row-id range (Paimon 2.x data evolution tables).
struct GlobalIndexMeta {
    int64_t row_range_start = 0;
    int64_t row_range_end = 0;
    int32_t index_field_id = 0;
    std::optional<std::vector<int32_t>> extra_field_ids;
    std::optional<std::string> index_meta;

    bool operator==(const GlobalIndexMeta&) const = default;
};

// An index file of a bucket (paimon `index/IndexFileMeta`): deletion vectors, a dynamic-bucket
// HASH index, or newer global index kinds.
struct IndexFileMeta {
    std::string index_type;
    std::string file_name;  // in the table's index/ directory, unless external_path is set
    int64_t file_size = 0;
    int64_t row_count = 0;
    // DELETION_VECTORS only: one range per data file with deletions.
    std::optional<std::vector<DeletionVectorRange>> deletion_vector_ranges;
    std::optional<std::string> external_path;
    std::optional<GlobalIndexMeta> global_index;

    bool operator==(const IndexFileMeta&) const = default;
};

// One line of an index manifest (paimon `manifest/IndexManifestEntry`).
struct IndexManifestEntry {
    FileKind kind = FileKind::kAdd;
    BinaryRow partition;
    int32_t bucket = 0;
    IndexFileMeta index_file;

    bool operator==(const IndexManifestEntry&) const = default;
};

}  // namespace flashlake::lake

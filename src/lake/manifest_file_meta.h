#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lake/simple_stats.h"

namespace flashlake::lake {

// One line of a manifest list (paimon `manifest/ManifestFileMeta`): a manifest file with what
// a planner needs to skip it (partition min/max, bucket and level ranges). Ranges are absent in
// lists from older writers.
struct ManifestFileMeta {
    std::string file_name;  // in the table's manifest/ directory
    int64_t file_size = 0;
    int64_t num_added_files = 0;
    int64_t num_deleted_files = 0;
    SimpleStats partition_stats;
    int64_t schema_id = 0;
    std::optional<int32_t> min_bucket;
    std::optional<int32_t> max_bucket;
    std::optional<int32_t> min_level;
    std::optional<int32_t> max_level;
    std::optional<int64_t> min_row_id;
    std::optional<int64_t> max_row_id;

    bool operator==(const ManifestFileMeta&) const = default;
};

}  // namespace flashlake::lake

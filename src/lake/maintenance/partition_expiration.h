#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

class TableCommit;
struct TableSchema;

// Paimon's partition expiration options (strategy values-time).
struct PartitionExpireOptions {
    int64_t expiration_time_ms = 0;                             // partition.expiration-time
    std::optional<std::string> timestamp_pattern;               // partition.timestamp-pattern, e.g. "$dt"
    std::optional<std::string> timestamp_formatter;             // partition.timestamp-formatter, e.g. "yyyyMMdd"
    int32_t max_expires = std::numeric_limits<int32_t>::max();  // partition.expiration-max-num
    int64_t now_millis = 0;  // the wall clock when 0; partition times are compared as UTC
    std::string commit_user = "flashlake-partition-expiration";

    // nullopt when the table sets no partition.expiration-time. Only the values-time strategy
    // is supported (update-time is kNotSupported). A table partitioned by (region,
    // date_trunc('day', ts)) without pattern or formatter gets the pattern "$__partition_day_ts".
    static Result<std::optional<PartitionExpireOptions>> FromSchema(const TableSchema& schema);
};

struct PartitionExpireResult {
    std::vector<std::string> expired;     // partition paths ("dt=2024-01-01"), oldest first
    std::vector<std::string> unparsable;  // partitions whose time could not be read: never expired
    std::optional<int64_t> snapshot_id;   // the OVERWRITE snapshot that dropped them
};

// Drops the partitions of the latest snapshot whose time (partition_time_extractor.h) is
// before now - expiration_time: one OVERWRITE commit deletes all their files (and index files),
// oldest partitions first, at most max_expires of them. Files leave the disk later, when
// snapshot expiration retires the snapshots that still hold them. Commits through `commit`,
// or a TableCommit of its own when null.
Result<PartitionExpireResult> ExpirePartitions(io::FileSystem* fs, const std::string& table_path,
                                               const PartitionExpireOptions& options, TableCommit* commit = nullptr);

}  // namespace flashlake::lake

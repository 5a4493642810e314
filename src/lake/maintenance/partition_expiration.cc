#include "lake/maintenance/partition_expiration.h"

#include <algorithm>
#include <map>

#include "lake/binary_row_converter.h"
#include "lake/commit/commit_history.h"
#include "lake/commit/live_files.h"
#include "lake/commit/option_values.h"
#include "lake/commit/table_commit.h"
#include "lake/commit/table_creation.h"
#include "lake/generated_partition.h"
#include "lake/maintenance/partition_time_extractor.h"
#include "lake/partition_path.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_schema.h"
#include "types/date_time.h"

namespace flashlake::lake {

Result<std::optional<PartitionExpireOptions>> PartitionExpireOptions::FromSchema(const TableSchema& schema) {
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> expiration, OptionalDurationOption(schema, "partition.expiration-time"));
    if (!expiration) return std::optional<PartitionExpireOptions>();
    if (auto strategy = schema.Option("partition.expiration-strategy"); strategy && *strategy != "values-time") {
        return Status::NotSupported("partition.expiration-strategy '" + *strategy + "' is not supported");
    }
    PartitionExpireOptions options;
    options.expiration_time_ms = *expiration;
    options.timestamp_pattern = schema.Option("partition.timestamp-pattern");
    options.timestamp_formatter = schema.Option("partition.timestamp-formatter");
    if (!options.timestamp_pattern && !options.timestamp_formatter && !schema.partition_keys.empty()) {
        // PARTITION BY (region, date_trunc('day', ts)): the time is the generated column's value,
        // wherever it stands among the partition keys (without a pattern the first key is used).
        FL_ASSIGN_OR_RETURN(std::vector<GeneratedPartition> generated, GeneratedPartitions(schema));
        if (!generated.empty() && !FindGeneratedColumn(generated, schema.partition_keys[0])) {
            for (const auto& key : schema.partition_keys) {
                if (FindGeneratedColumn(generated, key)) {
                    options.timestamp_pattern = "$" + key;
                    break;
                }
            }
        }
    }
    FL_ASSIGN_OR_RETURN(int64_t max, IntOption(schema, "partition.expiration-max-num", options.max_expires));
    options.max_expires = static_cast<int32_t>(std::clamp<int64_t>(max, 0, std::numeric_limits<int32_t>::max()));
    return std::optional<PartitionExpireOptions>(std::move(options));
}

Result<PartitionExpireResult> ExpirePartitions(io::FileSystem* fs, const std::string& table_path,
                                               const PartitionExpireOptions& options, TableCommit* commit) {
    PartitionExpireResult result;
    FL_ASSIGN_OR_RETURN(std::optional<Snapshot> latest, SnapshotManager(fs, table_path).Latest());
    if (!latest) return result;
    FL_ASSIGN_OR_RETURN(std::optional<TableSchema> schema, SchemaManager(fs, table_path).Latest());
    if (!schema) return Status::NotFound("expire partitions of " + table_path + ": the table has no schema");
    if (schema->partition_keys.empty()) return result;
    FL_ASSIGN_OR_RETURN(std::vector<DataField> fields, schema->FieldsNamed(schema->partition_keys));
    FL_ASSIGN_OR_RETURN(std::vector<DataType> types, schema->PartitionTypes());
    PartitionPathOptions path_options = PartitionPathOptions::FromSchema(*schema);

    FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> live, ReadLiveDataEntries(fs, table_path, *latest));
    std::map<std::string, BinaryRow> partitions;  // by bytes: each partition once
    for (const ManifestEntry& entry : live) partitions.emplace(entry.partition.bytes(), entry.partition);

    int64_t now = options.now_millis != 0 ? options.now_millis : WallClockMillis();
    int64_t expire_before = (now - options.expiration_time_ms) * 1000;  // as DATETIME microseconds
    PartitionTimeExtractor extractor(options.timestamp_pattern, options.timestamp_formatter);
    struct Expired {
        int64_t time;
        std::string path;
        BinaryRow partition;
    };
    std::vector<Expired> expired;
    for (const auto& [bytes, partition] : partitions) {
        std::string path = PartitionPath(partition, fields, path_options).ValueOr("<partition>");
        auto values = DecodeBinaryRow(partition, types);
        Result<int64_t> time = values.ok() ? extractor.Extract(schema->partition_keys, *values) : values.status();
        if (!time.ok()) {
            result.unparsable.push_back(path);
            continue;
        }
        if (*time < expire_before) expired.push_back({*time, path, partition});
    }
    std::sort(expired.begin(), expired.end(), [](const Expired& a, const Expired& b) { return a.time < b.time; });
    if (expired.size() > static_cast<size_t>(options.max_expires)) expired.resize(options.max_expires);
    if (expired.empty()) return result;

    std::vector<BinaryRow> rows;
    for (Expired& partition : expired) {
        result.expired.push_back(partition.path);
        rows.push_back(std::move(partition.partition));
    }
    std::unique_ptr<TableCommit> own;
    if (commit == nullptr) {
        own = std::make_unique<TableCommit>(fs, table_path);
        commit = own.get();
    }
    FL_ASSIGN_OR_RETURN(CommitResult committed,
                        commit->Overwrite(options.commit_user, kBatchCommitIdentifier, {}, std::move(rows),
                                          {{"flashlake.operation", "expire-partitions"}}));
    result.snapshot_id = committed.snapshot_id;
    return result;
}

}  // namespace flashlake::lake

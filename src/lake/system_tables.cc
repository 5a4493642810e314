#include "lake/system_tables.h"

#include <map>

#include "format/json/json_writer.h"
#include "lake/commit/commit_history.h"
#include "lake/partition_path.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_files.h"

namespace flashlake::lake {

namespace {

Value OptionalBigInt(const std::optional<int64_t>& value) {
    return value ? Value::BigInt(*value) : Value::Null(LogicalType::BigInt());
}

Value MillisToDateTime(int64_t millis) { return Value::DateTime(millis * 1000); }

void AddColumn(SystemTableRows& table, std::string name, LogicalType type) {
    table.names.push_back(std::move(name));
    table.types.push_back(std::move(type));
}

std::string JoinLabels(const Snapshot& snapshot) {
    if (!snapshot.properties) return "";
    for (const auto& [key, value] : *snapshot.properties) {
        if (key == kLabelsProperty) return value;  // a JSON array of the labels
    }
    return "";
}

Result<SystemTableRows> Snapshots(io::FileSystem* fs, const std::string& table_path) {
    SystemTableRows table;
    AddColumn(table, "snapshot_id", LogicalType::BigInt());
    AddColumn(table, "schema_id", LogicalType::BigInt());
    AddColumn(table, "commit_user", LogicalType::Varchar());
    AddColumn(table, "commit_identifier", LogicalType::BigInt());
    AddColumn(table, "commit_kind", LogicalType::Varchar());
    AddColumn(table, "commit_time", LogicalType::DateTime());
    AddColumn(table, "total_record_count", LogicalType::BigInt());
    AddColumn(table, "delta_record_count", LogicalType::BigInt());
    AddColumn(table, "changelog_record_count", LogicalType::BigInt());
    AddColumn(table, "watermark", LogicalType::BigInt());
    AddColumn(table, "labels", LogicalType::Varchar());
    SnapshotManager snapshots(fs, table_path);
    FL_ASSIGN_OR_RETURN(std::vector<int64_t> ids, snapshots.ListIds());
    for (int64_t id : ids) {
        auto snapshot = snapshots.Read(id);
        if (!snapshot.ok()) {
            if (snapshot.status().code() == ErrorCode::kNotFound) continue;  // expired meanwhile
            return snapshot.status();
        }
        table.rows.push_back({Value::BigInt(snapshot->id), Value::BigInt(snapshot->schema_id),
                              Value::Varchar(snapshot->commit_user), Value::BigInt(snapshot->commit_identifier),
                              Value::Varchar(std::string(CommitKindName(snapshot->commit_kind))),
                              MillisToDateTime(snapshot->time_millis), OptionalBigInt(snapshot->total_record_count),
                              OptionalBigInt(snapshot->delta_record_count),
                              OptionalBigInt(snapshot->changelog_record_count), OptionalBigInt(snapshot->watermark),
                              Value::Varchar(JoinLabels(*snapshot))});
    }
    return table;
}

Result<SystemTableRows> Schemas(io::FileSystem* fs, const std::string& table_path) {
    SystemTableRows table;
    AddColumn(table, "schema_id", LogicalType::BigInt());
    AddColumn(table, "fields", LogicalType::Varchar());
    AddColumn(table, "partition_keys", LogicalType::Varchar());
    AddColumn(table, "primary_keys", LogicalType::Varchar());
    AddColumn(table, "options", LogicalType::Varchar());
    AddColumn(table, "comment", LogicalType::Varchar());
    AddColumn(table, "update_time", LogicalType::DateTime());
    SchemaManager schemas(fs, table_path);
    FL_ASSIGN_OR_RETURN(std::vector<int64_t> ids, schemas.ListIds());
    for (int64_t id : ids) {
        FL_ASSIGN_OR_RETURN(TableSchema schema, schemas.Read(id));
        format::json::Value json = schema.ToJson();
        auto member = [&](std::string_view key) {
            const format::json::Value* value = json.Find(key);
            return value ? Value::Varchar(format::json::Write(*value)) : Value::Null(LogicalType::Varchar());
        };
        table.rows.push_back({Value::BigInt(schema.id), member("fields"), member("partitionKeys"),
                              member("primaryKeys"), member("options"),
                              schema.comment ? Value::Varchar(*schema.comment) : Value::Null(LogicalType::Varchar()),
                              MillisToDateTime(schema.time_millis)});
    }
    return table;
}

Result<SystemTableRows> TableOptions(io::FileSystem* fs, const std::string& table_path) {
    SystemTableRows table;
    AddColumn(table, "key", LogicalType::Varchar());
    AddColumn(table, "value", LogicalType::Varchar());
    FL_ASSIGN_OR_RETURN(std::optional<TableSchema> schema, SchemaManager(fs, table_path).Latest());
    if (!schema) return Status(ErrorCode::kNotFound, "no schema in " + table_path);
    for (const auto& [key, value] : schema->options) table.rows.push_back({Value::Varchar(key), Value::Varchar(value)});
    return table;
}

// The latest snapshot's files (none before the first commit).
Result<std::optional<TableFiles>> LatestFiles(io::FileSystem* fs, const std::string& table_path) {
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> latest, SnapshotManager(fs, table_path).LatestId());
    if (!latest) return std::optional<TableFiles>();
    FL_ASSIGN_OR_RETURN(TableFiles files, ReadTableFiles(fs, table_path, *latest));
    return std::optional<TableFiles>(std::move(files));
}

Result<SystemTableRows> Files(io::FileSystem* fs, const std::string& table_path) {
    SystemTableRows table;
    AddColumn(table, "partition", LogicalType::Varchar());
    AddColumn(table, "bucket", LogicalType::Int());
    AddColumn(table, "file_path", LogicalType::Varchar());
    AddColumn(table, "file_format", LogicalType::Varchar());
    AddColumn(table, "schema_id", LogicalType::BigInt());
    AddColumn(table, "level", LogicalType::Int());
    AddColumn(table, "record_count", LogicalType::BigInt());
    AddColumn(table, "file_size_in_bytes", LogicalType::BigInt());
    AddColumn(table, "min_sequence_number", LogicalType::BigInt());
    AddColumn(table, "max_sequence_number", LogicalType::BigInt());
    AddColumn(table, "creation_time", LogicalType::DateTime());
    FL_ASSIGN_OR_RETURN(std::optional<TableFiles> files, LatestFiles(fs, table_path));
    if (!files) return table;
    for (const BucketFiles& bucket : files->buckets) {
        for (size_t i = 0; i < bucket.files.size(); ++i) {
            const DataFileMeta& file = bucket.files[i];
            std::string name = file.file_name;
            std::string format = name.substr(name.rfind('.') + 1);
            table.rows.push_back({Value::Varchar(bucket.partition_path), Value::Int(bucket.bucket),
                                  Value::Varchar(bucket.file_paths[i]), Value::Varchar(format),
                                  Value::BigInt(file.schema_id), Value::Int(file.level), Value::BigInt(file.row_count),
                                  Value::BigInt(file.file_size), Value::BigInt(file.min_sequence_number),
                                  Value::BigInt(file.max_sequence_number),
                                  file.creation_time_millis ? MillisToDateTime(*file.creation_time_millis)
                                                            : Value::Null(LogicalType::DateTime())});
        }
    }
    return table;
}

Result<SystemTableRows> Partitions(io::FileSystem* fs, const std::string& table_path) {
    SystemTableRows table;
    AddColumn(table, "partition", LogicalType::Varchar());
    AddColumn(table, "record_count", LogicalType::BigInt());
    AddColumn(table, "file_size_in_bytes", LogicalType::BigInt());
    AddColumn(table, "file_count", LogicalType::BigInt());
    AddColumn(table, "bucket_count", LogicalType::BigInt());
    AddColumn(table, "last_update_time", LogicalType::DateTime());
    FL_ASSIGN_OR_RETURN(std::optional<TableFiles> files, LatestFiles(fs, table_path));
    if (!files) return table;
    struct Totals {
        int64_t rows = 0, bytes = 0, files = 0, buckets = 0;
        std::optional<int64_t> last_update_millis;
    };
    std::map<std::string, Totals> partitions;  // ordered by path, as SHOW PARTITIONS lists them
    for (const BucketFiles& bucket : files->buckets) {
        Totals& totals = partitions[bucket.partition_path];
        totals.rows += bucket.RowCount();
        totals.buckets += 1;
        for (const DataFileMeta& file : bucket.files) {
            totals.bytes += file.file_size;
            totals.files += 1;
            if (file.creation_time_millis) {
                totals.last_update_millis = std::max(totals.last_update_millis.value_or(0), *file.creation_time_millis);
            }
        }
    }
    for (const auto& [path, totals] : partitions) {
        table.rows.push_back({Value::Varchar(path), Value::BigInt(totals.rows), Value::BigInt(totals.bytes),
                              Value::BigInt(totals.files), Value::BigInt(totals.buckets),
                              totals.last_update_millis ? MillisToDateTime(*totals.last_update_millis)
                                                        : Value::Null(LogicalType::DateTime())});
    }
    return table;
}

}  // namespace

const std::vector<std::string>& SystemTableNames() {
    static const std::vector<std::string> kNames = {"snapshots", "schemas", "options", "files", "partitions"};
    return kNames;
}

Result<SystemTableRows> ReadSystemTable(io::FileSystem* fs, const std::string& table_path, std::string_view name) {
    if (name == "snapshots") return Snapshots(fs, table_path);
    if (name == "schemas") return Schemas(fs, table_path);
    if (name == "options") return TableOptions(fs, table_path);
    if (name == "files") return Files(fs, table_path);
    if (name == "partitions") return Partitions(fs, table_path);
    return Status(ErrorCode::kNotFound, "no system table '" + std::string(name) + "'; there are snapshots, schemas, "
                                        "options, files and partitions");
}

}  // namespace flashlake::lake

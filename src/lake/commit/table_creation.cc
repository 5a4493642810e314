#include "lake/commit/table_creation.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "io/file_system.h"
#include "io/path.h"
#include "lake/schema_manager.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

int64_t WallClockMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string TablePathIn(std::string_view warehouse, std::string_view database, std::string_view table) {
    return io::JoinPath(io::JoinPath(warehouse, std::string(database) + ".db"), table);
}

Status ValidateIdentifier(std::string_view what, std::string_view name) {
    auto bad = [&](const std::string& why) {
        return Status::InvalidArgument("invalid " + std::string(what) + " name '" + std::string(name) + "': " + why);
    };
    if (name.empty()) return bad("it is empty");
    if (name.size() > 255) return bad("longer than 255 bytes");
    if (name.front() == '.') return bad("it starts with '.'");
    for (char c : name) {
        if (c == '/' || c == '\\') return bad("it contains a path separator");
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return bad("it contains a control character");
    }
    return Status::OK();
}

Status ValidateNewTableSchema(const TableSchema& schema) {
    auto bad = [](const std::string& why) { return Status::InvalidArgument("invalid table schema: " + why); };
    if (schema.fields.empty()) return bad("a table needs at least one column");
    std::set<std::string> names;
    std::set<int32_t> ids;
    for (const DataField& field : schema.fields) {
        if (field.name.empty()) return bad("a column has an empty name");
        if (!names.insert(field.name).second) return bad("column " + field.name + " appears twice");
        if (field.id < 0 || !ids.insert(field.id).second) {
            return bad("column " + field.name + " has a negative or repeated field id " + std::to_string(field.id));
        }
    }
    if (schema.highest_field_id < MaxFieldId(schema.fields)) {
        return bad("highestFieldId " + std::to_string(schema.highest_field_id) + " is below the largest field id");
    }
    auto check_keys = [&](const std::vector<std::string>& keys, const char* what) -> Status {
        std::set<std::string> seen;
        for (const std::string& key : keys) {
            if (schema.FieldIndex(key) < 0) return bad(std::string(what) + " " + key + " is not a column");
            if (!seen.insert(key).second) return bad(std::string(what) + " " + key + " appears twice");
        }
        return Status::OK();
    };
    FL_RETURN_NOT_OK(check_keys(schema.partition_keys, "partition key"));
    FL_RETURN_NOT_OK(check_keys(schema.primary_keys, "primary key"));
    if (schema.partition_keys.size() == schema.fields.size()) return bad("every column is a partition key");
    if (!schema.primary_keys.empty()) {
        for (const std::string& key : schema.partition_keys) {
            if (std::find(schema.primary_keys.begin(), schema.primary_keys.end(), key) == schema.primary_keys.end()) {
                return bad("the primary key must contain partition key " + key);
            }
        }
        if (schema.TrimmedPrimaryKeys().empty()) return bad("the primary key has only partition keys");
    }
    auto buckets = schema.NumBuckets();
    if (!buckets.ok()) return buckets.status();
    for (const std::string& key : schema.Option("bucket-key") ? schema.BucketKeys() : std::vector<std::string>{}) {
        if (schema.FieldIndex(key) < 0) return bad("bucket key " + key + " is not a column");
        if (std::find(schema.partition_keys.begin(), schema.partition_keys.end(), key) != schema.partition_keys.end()) {
            return bad("bucket key " + key + " is a partition key");
        }
    }
    return Status::OK();
}

Status CreateDirectoriesDurably(io::FileSystem* fs, const std::string& path) {
    std::vector<std::string_view> parts = io::SplitPath(path);
    std::string prefix = !path.empty() && path.front() == '/' ? "/" : "";
    std::vector<std::string> prefixes;
    for (std::string_view part : parts) {
        prefix = io::JoinPath(prefix, part);
        prefixes.push_back(prefix);
    }
    size_t first_missing = prefixes.size();
    for (size_t i = 0; i < prefixes.size(); ++i) {
        FL_ASSIGN_OR_RETURN(bool exists, fs->Exists(prefixes[i]));
        if (!exists) {
            first_missing = i;
            break;
        }
    }
    FL_RETURN_NOT_OK(fs->CreateDirectories(path));
    for (size_t i = prefixes.size(); i-- > first_missing;) {
        std::string parent(io::Dirname(prefixes[i]));
        FL_RETURN_NOT_OK(fs->SyncDirectory(parent));
    }
    return Status::OK();
}

Result<std::string> CreateTable(io::FileSystem* fs, const std::string& warehouse, std::string_view database,
                                std::string_view table, TableSchema schema, int64_t now_millis) {
    FL_RETURN_NOT_OK(ValidateIdentifier("database", database));
    FL_RETURN_NOT_OK(ValidateIdentifier("table", table));
    schema.version = TableSchema::kCurrentVersion;
    schema.id = 0;
    schema.time_millis = now_millis != 0 ? now_millis : WallClockMillis();
    for (DataField& field : schema.fields) {
        if (std::find(schema.primary_keys.begin(), schema.primary_keys.end(), field.name) !=
            schema.primary_keys.end()) {
            field.type = field.type.WithNullable(false);
        }
    }
    schema.highest_field_id = std::max(schema.highest_field_id, MaxFieldId(schema.fields));
    FL_RETURN_NOT_OK(ValidateNewTableSchema(schema));

    std::string database_path = io::JoinPath(warehouse, std::string(database) + ".db");
    std::string table_path = io::JoinPath(database_path, table);
    FL_RETURN_NOT_OK(CreateDirectoriesDurably(fs, warehouse));
    for (const std::string& dir : {TablePaths::SchemaDir(table_path), TablePaths::SnapshotDir(table_path),
                                   TablePaths::ManifestDir(table_path)}) {
        FL_RETURN_NOT_OK(fs->CreateDirectories(dir));
    }
    // Sync bottom-up whether or not the directories are new: a creation that crashed after
    // creating them may never have synced them.
    for (const std::string& dir : {table_path, database_path, warehouse}) FL_RETURN_NOT_OK(fs->SyncDirectory(dir));

    Status created = SchemaManager(fs, table_path).Create(schema);
    if (created.code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kTableExists,
                      "table " + std::string(database) + "." + std::string(table) + " already exists at " + table_path);
    }
    FL_RETURN_NOT_OK(created);
    return table_path;
}

}  // namespace flashlake::lake

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/data_type.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// One change of ALTER TABLE (paimon SchemaChange). Columns keep their field ids across changes:
// a renamed column keeps its id, a dropped id is never reused, and an added column (and each
// field nested in it) takes ids above highestFieldId, which only grows.
struct SchemaChange {
    enum class Kind : uint8_t { kAddColumn, kRenameColumn, kDropColumn, kSetOption, kRemoveOption, kUpdateComment };

    Kind kind = Kind::kSetOption;
    std::string name;                 // the column, or the option key
    std::string new_name;             // rename: the new name
    DataType type;                    // add: the type (must be nullable)
    std::optional<std::string> text;  // add: column description; set option: value; comment

    static SchemaChange AddColumn(std::string name, DataType type, std::optional<std::string> description = {});
    static SchemaChange RenameColumn(std::string name, std::string new_name);
    static SchemaChange DropColumn(std::string name);
    static SchemaChange SetOption(std::string key, std::string value);
    static SchemaChange RemoveOption(std::string key);
    static SchemaChange UpdateComment(std::optional<std::string> comment);
};

// The schema that follows `base` after `changes`, with id base.id + 1. Refused with
// kInvalidArgument: adding a NOT NULL column or one whose name exists; renaming or dropping a
// column that does not exist, renaming to a taken name; renaming or dropping a partition key,
// dropping a primary or bucket key, dropping the last column; changing an option that fixes the
// table's layout (bucket, bucket-key, primary-key, partition, merge-engine, sequence.field,
// rowkind.field, data-file.path-directory, partition.default-name, partition.legacy-name).
// Renaming a primary-key column renames it in primaryKeys and in the bucket-key option.
Result<TableSchema> ApplySchemaChanges(const TableSchema& base, const std::vector<SchemaChange>& changes);

struct AlterTableOptions {
    int32_t max_retries = 10;  // attempts after losing a race to a concurrent schema change
    int64_t now_millis = 0;    // the schema's timeMillis; the wall clock when 0
};

// Commits `changes` to the table at `table_path`: reads the latest schema, applies the changes
// and publishes schema-<id + 1> with FileSystem::CreateFileExclusive. When another writer
// published that id first, the changes are applied again to its schema (they may now be
// refused). Returns the new schema.
Result<TableSchema> AlterTable(io::FileSystem* fs, const std::string& table_path,
                               const std::vector<SchemaChange>& changes, const AlterTableOptions& options = {});

}  // namespace flashlake::lake

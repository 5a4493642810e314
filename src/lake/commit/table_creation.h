#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// "<warehouse>/<database>.db/<table>": where the filesystem catalog keeps a table.
std::string TablePathIn(std::string_view warehouse, std::string_view database, std::string_view table);

// Database and table names become directory names: they must be non-empty, at most 255 bytes,
// without '/', '\\', NUL or control characters, and not start with '.' (hidden and temporary
// files do). kInvalidArgument says which rule is broken.
Status ValidateIdentifier(std::string_view what, std::string_view name);

// Checks a schema for a new table: field names and ids unique, highestFieldId covers every id,
// partition and primary keys are fields (the primary key must contain every partition key), and
// the bucket options parse.
Status ValidateNewTableSchema(const TableSchema& schema);

// Creates `path` and its missing parents, and makes every directory it created durable by
// syncing its parent (a new directory survives a power loss only once its parent is synced).
Status CreateDirectoriesDurably(io::FileSystem* fs, const std::string& path);

// Creates table `table` of `database` in `warehouse` (both directories are created as needed)
// with `schema` as schema-0, and returns the table path. The schema is normalized as Paimon
// does: id 0, format version 3, primary-key fields NOT NULL, highestFieldId at least the largest
// field id, timeMillis = `now_millis` (the wall clock when 0).
//
// The table directory and its schema/, snapshot/ and manifest/ directories are created and
// synced first; schema-0 is then published with FileSystem::CreateFileExclusive, so that a
// table either has a complete schema-0 or none, and of two racing creators one wins. A table
// that already has a schema-0 is kTableExists. A directory left by a creation that crashed
// before publishing schema-0 is reused.
Result<std::string> CreateTable(io::FileSystem* fs, const std::string& warehouse, std::string_view database,
                                std::string_view table, TableSchema schema, int64_t now_millis = 0);

// The wall clock in milliseconds since the epoch.
int64_t WallClockMillis();

}  // namespace flashlake::lake

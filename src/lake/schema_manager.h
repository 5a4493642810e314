#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Reads and creates the schema files of one table (or branch) directory. Schema files are never
// deleted; ids start at 0. The file system is not owned and must outlive the manager.
class SchemaManager {
public:
    // `root` is the table directory, or a branch directory from TablePaths::BranchPath.
    SchemaManager(io::FileSystem* fs, std::string root) : fs_(fs), root_(std::move(root)) {}

    Result<TableSchema> Read(int64_t id) const;
    // Schema ids present, ascending.
    Result<std::vector<int64_t>> ListIds() const;
    // The schema with the largest id, or nullopt for a directory without schemas.
    Result<std::optional<TableSchema>> Latest() const;
    // Publishes `schema` as schema-<schema.id>; kAlreadyExists if that id is taken (another
    // writer won the race).
    Status Create(const TableSchema& schema) const;

private:
    io::FileSystem* fs_;
    std::string root_;
};

// The numeric suffixes of directory entries called <prefix><number>, ascending; other names
// are ignored. A missing directory has none.
Result<std::vector<int64_t>> ListNumberedFiles(io::FileSystem* fs, const std::string& dir, std::string_view prefix);

}  // namespace flashlake::lake

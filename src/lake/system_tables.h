#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// The rows of a table's metadata as a small relation, for `SELECT ... FROM t$snapshots` and
// SHOW PARTITIONS. Column names follow Paimon's system tables where Paimon has them.
struct SystemTableRows {
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    std::vector<std::vector<Value>> rows;
};

// The system tables a lake table has: snapshots, schemas, options, files, partitions.
const std::vector<std::string>& SystemTableNames();

// Reads system table `name` of the table at `table_path` (files and partitions: at the latest
// snapshot). kNotFound for a name that is not a system table.
Result<SystemTableRows> ReadSystemTable(io::FileSystem* fs, const std::string& table_path, std::string_view name);

}  // namespace flashlake::lake

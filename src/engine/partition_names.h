#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/table_schema.h"

namespace flashlake::engine {

// The partitions a PARTITION (...) clause names, as BinaryRows over the table's partition keys.
// A partition is named by its path, as SHOW PARTITIONS prints it: `dt=2024-05-01` (an identifier
// in backquotes; "k1=a/k2=b" with several keys), or by `col = value` pairs, which the parser
// turns into the same text (PARTITION (dt = '2024-05-01')). With several partition keys, pairs
// fill one partition until every key has a value. Values are cast to the key's type; the
// table's default partition name stands for NULL. A generated partition column (PARTITION BY
// date_trunc('day', ts)) may be named by its source: ts = '2024-05-01 10:00:00' is the partition
// of that day. Unknown columns, missing keys and values that
// are not of the key's type are kInvalidArgument, naming what is wrong.
Result<std::vector<lake::BinaryRow>> ResolvePartitionNames(const lake::TableSchema& schema, const std::string& table,
                                                           const std::vector<std::string>& names);

// The path name of a partition of `schema` ("dt=2024-05-01").
Result<std::string> PartitionName(const lake::TableSchema& schema, const lake::BinaryRow& partition);

}  // namespace flashlake::engine

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/data_type.h"

namespace flashlake::lake {

struct TableSchema;

// How partition directories are named (Paimon's InternalRowPartitionComputer and Hive's
// PartitionPathUtils): "k1=v1/k2=v2", keys and values Hive-escaped, null or blank values
// replaced by `default_name`.
//
// With `legacy_name` (Paimon's default, `partition.legacy-name`) a value is the toString() of
// its internal form: a DATE is its day number ("19723"), TIME its milliseconds, a TIMESTAMP a
// java.time.LocalDateTime string ("2024-01-05T10:20:30.5"). Without it, DATE is "2024-01-05"
// and TIMESTAMP "2024-01-05 10:20:30.5". Readers never parse these names: the manifest holds
// the partition; the path is derived from it to find the files.
struct PartitionPathOptions {
    std::string default_name = "__DEFAULT_PARTITION__";
    bool legacy_name = true;

    // From options `partition.default-name` and `partition.legacy-name`.
    static PartitionPathOptions FromSchema(const TableSchema& schema);
};

// The text of each partition value (nullopt for null), as the directory names use them before
// the default name and escaping are applied. BINARY, FLOAT/DOUBLE special values and nested
// types have no stable text: kNotSupported.
Result<std::vector<std::optional<std::string>>> PartitionValueStrings(const BinaryRow& partition,
                                                                      const std::vector<DataField>& fields,
                                                                      const PartitionPathOptions& options);

// "k1=v1/k2=v2" for `partition` over the partition `fields`; "" for an unpartitioned table.
Result<std::string> PartitionPath(const BinaryRow& partition, const std::vector<DataField>& fields,
                                  const PartitionPathOptions& options);

// Hive's FileUtils.escapePathName: control characters and "#%'*/:=?\\{[]^ and DEL become %XX.
std::string EscapePathName(std::string_view name);

}  // namespace flashlake::lake

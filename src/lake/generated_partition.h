#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "lake/read/scan_predicate.h"

namespace flashlake::lake {

struct TableSchema;

// The units of PARTITION BY date_trunc('<unit>', col); weeks start on Monday, as date_trunc's.
enum class TruncUnit : uint8_t { kHour, kDay, kWeek, kMonth, kQuarter, kYear };

// "hour", "day", ... (case-insensitive, singular, as StarRocks spells them); nullopt otherwise.
std::optional<TruncUnit> ParseTruncUnit(std::string_view text);
const char* TruncUnitName(TruncUnit unit);
// "hour, day, week, month, quarter, year": for error messages.
const char* TruncUnitNames();

// date_trunc of a DATE (days since 1970-01-01; kHour leaves it as it is) and of a DATETIME
// (microseconds since 1970-01-01 00:00:00).
int32_t TruncateDate(int32_t days, TruncUnit unit);
int64_t TruncateDateTime(int64_t micros, TruncUnit unit);

// A generated partition column: Paimon partitions by fields of the row, so PARTITION BY
// date_trunc('day', ts) adds the field `__partition_day_ts` (ts's type and nullability) holding
// date_trunc('day', ts) and partitions by it. The table option
//
//   flashlake.partition-expr.__partition_day_ts = date_trunc('day', `ts`)
//
// records the expression, so that Flashlake hides the column from SELECT * and DESCRIBE, fills
// it on every write (TableWriter) and prunes its partitions by conditions on ts; other Paimon
// engines see an ordinary partition column.
struct GeneratedPartition {
    std::string column;  // the generated field
    TruncUnit unit = TruncUnit::kDay;
    std::string source;  // the DATE or DATETIME field it truncates
    LogicalType type;    // the source's type, which the generated column has too

    // "date_trunc('day', `ts`)": the option value, and PARTITION BY of SHOW CREATE TABLE.
    std::string ToSql() const;
};

inline constexpr std::string_view kGeneratedPartitionOptionPrefix = "flashlake.partition-expr.";

// The name of the generated column for date_trunc(unit, source): "__partition_<unit>_<source>".
std::string GeneratedPartitionColumnName(TruncUnit unit, std::string_view source);

// The option that records `partition` (key, value).
std::pair<std::string, std::string> GeneratedPartitionOption(const GeneratedPartition& partition);

// The generated partition columns of `schema`, in option order. An option whose value is not
// date_trunc('<unit>', <column>) over a DATE/DATETIME field, or that names no field, is
// kInvalidArgument naming the option.
Result<std::vector<GeneratedPartition>> GeneratedPartitions(const TableSchema& schema);

// The generated partition `column` is, or nullptr.
const GeneratedPartition* FindGeneratedColumn(const std::vector<GeneratedPartition>& partitions,
                                              std::string_view column);

// date_trunc(unit, source) over `rows` rows of `source` (DATE or DATETIME, any encoding), NULL
// where the source is NULL; a column of the source's type.
ColumnPtr ComputeGeneratedColumn(const Column& source, size_t rows, TruncUnit unit);

// date_trunc(unit, value) for a DATE or DATETIME value (NULL stays NULL).
Value TruncateValue(const Value& value, TruncUnit unit);

// The conditions on the generated columns that `predicates` (on any columns) imply, for pruning
// partitions: date_trunc is monotonic, so
//   src = v        ->  col = trunc(v)            src IN (v...)  ->  col IN (trunc(v)...)
//   src > v, >= v  ->  col >= trunc(v)           src <= v       ->  col <= trunc(v)
//   src < v        ->  col <= trunc(v), or col < v when v is a unit boundary (trunc(v) = v)
//   src IS [NOT] NULL -> col IS [NOT] NULL
// A value that does not convert exactly to the source's type implies nothing. Hints only: the
// rows are still filtered by the original conditions.
std::vector<ScanPredicate> DeriveGeneratedPartitionPredicates(const std::vector<GeneratedPartition>& partitions,
                                                              const std::vector<ScanPredicate>& predicates);

}  // namespace flashlake::lake

#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "lake/data_type.h"
#include "lake/simple_stats.h"
#include "types/value.h"

namespace flashlake::format::parquet {
struct FileMetaData;
}

namespace flashlake::lake {

struct TableSchema;

// Paimon's per-column statistics modes (`metadata.stats-mode`, `fields.<f>.stats-mode`):
//   none         no min/max, no null count
//   counts       null count only
//   truncate(n)  null count, min/max with strings cut to n characters (max rounded up);
//                the default is truncate(16)
//   full         null count, exact min/max
struct StatsMode {
    enum class Kind : uint8_t { kNone, kCounts, kTruncate, kFull };
    Kind kind = Kind::kTruncate;
    int32_t truncate_length = 16;

    static StatsMode Full() { return {Kind::kFull, 0}; }
    // Case-insensitive "none", "counts", "full", "truncate(<n>)"; anything else is kInvalidArgument.
    static Result<StatsMode> Parse(std::string_view text);
};

// The stats mode of every field of `schema`.
Result<std::vector<StatsMode>> ValueStatsModes(const TableSchema& schema);

// Min, max and null count of one column of a data file, before a stats mode is applied. min/max
// are Values of the column's Flashlake type; `*_exact` false means a bound the Parquet writer
// truncated (still a bound).
struct FileColumnStats {
    std::optional<Value> min;
    std::optional<Value> max;
    std::optional<int64_t> null_count;
    bool min_exact = true;
    bool max_exact = true;
};

// Column statistics of the leaves [first_leaf, first_leaf + count) of a Parquet file the writer
// just closed, merged over its row groups. A column some row group has no statistics for gets
// none.
Result<std::vector<FileColumnStats>> ParquetColumnStats(const format::parquet::FileMetaData& metadata, int first_leaf,
                                                        int count);

// SimpleStats over `fields` as Paimon's ParquetSimpleStatsExtractor and stats collectors make
// them: per field the mode applied, no min/max for BINARY/VARBINARY, TIMESTAMP(p > 6) and nested
// types, strings truncated by character for truncate(n). Rows are encoded as BinaryRows of the
// fields' types (all nullable).
Result<SimpleStats> ToSimpleStats(const std::vector<FileColumnStats>& columns, const std::vector<DataField>& fields,
                                  const std::vector<StatsMode>& modes);

// Paimon's TruncateSimpleColStatsCollector on UTF-8 text: the first `length` code points (a
// lower bound), and that prefix with its last code point incremented (an upper bound; nullopt
// when no code point can be incremented). Text of at most `length` code points is returned as is.
std::string TruncateMin(std::string_view text, int32_t length);
std::optional<std::string> TruncateMax(std::string_view text, int32_t length);

}  // namespace flashlake::lake

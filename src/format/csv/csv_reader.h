#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "types/logical_type.h"

namespace flashlake::format::csv {

struct CsvOptions {
    char column_separator = ',';
    char row_delimiter = '\n';  // a '\r' before it is dropped
    char quote = '"';           // 0: fields are never quoted
    int64_t skip_header = 0;    // leading lines to skip (e.g. 1 for a header line)
    bool trim_space = false;    // strip spaces around unquoted fields
    std::string null_marker = "\\N";
    // An empty unquoted field of a non-string column is NULL (an empty string stays empty).
};

// A row that did not load, with where and why: reported to the user (stream load's ErrorURL,
// FILES() errors) and counted against max_filter_ratio.
struct CsvRowError {
    int64_t line = 0;         // 1-based line in the input
    int64_t byte_offset = 0;  // of the row's first byte
    std::string reason;       // e.g. "column 3 (amount DECIMAL(12,2)): bad value 'x1'"
    std::string row;          // the row's text, cut to 1 KiB
};

struct CsvParseResult {
    std::vector<Chunk> chunks;  // rows that loaded, in chunks of at most kChunkSize rows
    std::vector<CsvRowError> errors;
    int64_t rows_read = 0;      // data rows seen (loaded + rejected), header excluded
    int64_t bytes_read = 0;
};

// Parses delimited text into typed columns. A row with the wrong number of fields or a value
// that does not convert to its column's type is rejected whole and reported; it never stops the
// parse. Values convert strictly (a bad number is an error, not NULL), unlike SQL CAST.
class CsvReader {
public:
    CsvReader(std::vector<std::string> names, std::vector<LogicalType> types, CsvOptions options);

    // Parses complete input. Lines are counted from `first_line`.
    CsvParseResult Parse(std::string_view data, int64_t first_line = 1) const;

    const std::vector<LogicalType>& types() const { return types_; }

private:
    std::vector<std::string> names_;
    std::vector<LogicalType> types_;
    CsvOptions options_;
};

struct InferredColumn {
    std::string name;
    LogicalType type;
};

// Column names (from the header line when `has_header`, else column_1..n) and the narrowest type
// that holds every sampled value: BIGINT, DOUBLE, DATE, DATETIME, BOOLEAN, else VARCHAR.
Result<std::vector<InferredColumn>> InferCsvSchema(std::string_view sample, const CsvOptions& options, bool has_header,
                                                   int64_t max_rows = 1000);

// Splits one line into fields honouring quotes; false when a quote is left open.
bool SplitCsvLine(std::string_view line, const CsvOptions& options, std::vector<std::string>& fields,
                  std::vector<bool>& quoted);

}  // namespace flashlake::format::csv

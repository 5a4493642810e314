#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "exec/query_executor.h"

namespace flashlake::cli {

enum class OutputFormat { kTable, kCsv, kTsv, kJson };

// Parses "table", "csv", "tsv", "json"; false for anything else.
bool ParseOutputFormat(const std::string& text, OutputFormat& format);

// The text a client shows for a value: NULL as "NULL" (table, json null) or empty (csv/tsv: \N).
std::vector<std::vector<std::string>> RowsAsText(const exec::QueryRows& rows);

// Prints rows the way the mysql client does for `table` (a boxed grid, numbers right-aligned),
// RFC 4180 CSV with a header, TSV with a header and escaped tabs/newlines, or a JSON array of
// objects.
void PrintRows(const exec::QueryRows& rows, OutputFormat format, std::ostream& out);

}  // namespace flashlake::cli

#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace flashlake::cli::sqllogic {

// One record of a sqllogictest file.
struct TestRecord {
    enum class Kind { kStatementOk, kStatementError, kQuery, kHalt };
    Kind kind = Kind::kStatementOk;
    int line = 0;                // where the record starts, for failure reports
    std::string sql;
    std::string expected_error;  // statement error: optional substring expected in the message
    std::string column_types;    // query: e.g. "ITR" (one letter per column)
    enum class SortMode { kNoSort, kRowSort, kValueSort } sort = SortMode::kNoSort;
    std::vector<std::string> expected;  // query: expected result lines, values separated by tabs
};

// Parses the sqllogictest format: `statement ok|error`, `query <types> [nosort|rowsort|valuesort]`
// with results after `----`, `skipif <engine>` / `onlyif <engine>` (records for other engines
// are dropped; this engine is called "flashlake"), `loop var start end` ... `endloop` with ${var}
// substitution, `halt`, `#` comments and `hash-threshold` (ignored). `backend` (e.g. "inprocess",
// "mysql") also counts as an engine name for skipif/onlyif.
// `variables` are substituted like loop variables (${NAME}) everywhere, e.g. SHARED_DIR;
// `require NAME` makes a file without that variable parse to no records (it is skipped).
// In a query's types, R marks a floating-point column: its values match when equal as numbers,
// or within a relative 1e-6 when either text has more than 6 fraction digits (a DOUBLE against
// a DECIMAL average cut at its scale, or sums added in another order).
Result<std::vector<TestRecord>> ParseTestFile(const std::string& text, const std::string& file,
                                              const std::string& backend,
                                              const std::map<std::string, std::string>& variables = {});

}  // namespace flashlake::cli::sqllogic

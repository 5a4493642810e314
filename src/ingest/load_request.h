#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error_code.h"
#include "common/result.h"

namespace flashlake::ingest {

enum class LoadFormat { kCsv, kJson };

// One stream load as StarRocks defines it (docs: "STREAM LOAD"), independent of HTTP: where the
// rows go, how the body is read and mapped, and how many bad rows are tolerated. The server turns
// request headers into this; tests build it directly.
struct LoadRequest {
    std::string database;
    std::string table;
    std::string label;  // empty: one is generated
    LoadFormat format = LoadFormat::kCsv;

    // CSV. Separators may be several bytes; ParseSeparator reads the header notation.
    std::string column_separator = "\t";
    std::string row_delimiter = "\n";  // a '\r' before it is dropped
    char enclose = 0;                  // 0: fields are never quoted (StarRocks' default)
    int64_t skip_header = 0;
    bool trim_space = false;

    // `c1,c2,tmp,c3=upper(tmp)`: source columns in order, then derived table columns. Empty: the
    // source columns are the table's columns in schema order.
    std::string columns;
    // A predicate over the mapped row (table columns, and source columns not in the table); rows
    // where it is not true are dropped and counted as unselected, never as errors.
    std::string where;
    double max_filter_ratio = 0;  // filtered / (loaded + filtered) above this fails the load

    // JSON: one object per row (a single object, or newline-delimited objects), or an array of
    // objects with strip_outer_array. jsonpaths (`["$.a", "$.b.c"]`) picks the source columns.
    bool strip_outer_array = false;
    std::string jsonpaths;

    int64_t timeout_seconds = 600;
    std::string body;
};

enum class LoadStatus { kSuccess, kFail, kLabelAlreadyExists };

// "Success", "Fail", "Label Already Exists": the Status field of the StarRocks response.
std::string_view LoadStatusName(LoadStatus status);

// A row that was not loaded: where it is in the body and why.
struct RejectedRow {
    int64_t line = 0;    // 1-based line (CSV) or row number (JSON) in the body
    std::string reason;  // e.g. "column 3 (amount DECIMAL(12,2)): bad value 'x1'"
    std::string row;     // the row's text, cut to 1 KiB
};

struct LoadResult {
    int64_t txn_id = 0;  // the snapshot that holds the load (or the label, when it exists already)
    std::string label;
    LoadStatus status = LoadStatus::kFail;
    std::string existing_job_status;  // "FINISHED" with kLabelAlreadyExists
    std::string message;              // "OK", or why the load failed
    ErrorCode error_code = ErrorCode::kOk;
    int64_t total_rows = 0;
    int64_t loaded_rows = 0;
    int64_t filtered_rows = 0;
    int64_t unselected_rows = 0;
    int64_t load_bytes = 0;
    int64_t load_time_ms = 0;
    // The first kMaxRejectedRows rejected rows; filtered_rows counts them all.
    std::vector<RejectedRow> rejected;
    static constexpr size_t kMaxRejectedRows = 1000;
};

// A separator as given in a header: literal bytes, with the escapes \t \n \r \\ and \xHH
// (StarRocks writes non-printing separators as `\x01`). Empty or invalid text is an error.
Result<std::string> ParseSeparator(std::string_view text);

}  // namespace flashlake::ingest

#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "ingest/load_request.h"

namespace flashlake::ingest {

// One batch of source rows: every source column as VARCHAR (NULL for a missing value), with
// where each row came from. Rows that could not even be split into fields are in `errors`.
struct SourceBatch {
    Chunk chunk;
    std::vector<int64_t> lines;  // per chunk row
    std::vector<RejectedRow> errors;
    int64_t rows_read = 0;  // chunk rows + errors
};

// Reads the body of a load as batches of at most kChunkSize source rows. String values point
// into the body (or into the batch's own columns), so the body must outlive the batches.
class LoadSource {
public:
    virtual ~LoadSource() = default;
    // False when the body is exhausted.
    virtual bool Next(SourceBatch& batch) = 0;
    // The text of row `row` of the last batch, cut to 1 KiB, for error reports.
    virtual std::string RowText(size_t row) const = 0;
};

constexpr size_t kMaxRowTextBytes = 1024;

// CSV: source column i is field i of a row. `empty_is_null[i]`: an empty field of column i is
// NULL (columns that go straight into a non-string table column), as CsvReader does; "\N" is
// always NULL.
std::unique_ptr<LoadSource> MakeCsvSource(const LoadRequest& request, size_t num_columns,
                                          std::vector<bool> empty_is_null);

// JSON: source column i is the member named names[i] of a row object (exact name first, then
// ignoring case), or the value at jsonpaths[i] when the request has jsonpaths. Fails when the
// body is no JSON at all or the outer array does not fit strip_outer_array.
Result<std::unique_ptr<LoadSource>> MakeJsonSource(const LoadRequest& request, std::vector<std::string> names);

}  // namespace flashlake::ingest

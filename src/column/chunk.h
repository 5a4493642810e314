#pragma once

#include <string>
#include <vector>

#include "column/column.h"

namespace flashlake {

// Operators exchange chunks of about this many rows: small enough to stay in cache across a
// pipeline of operators, large enough to amortise per-chunk work.
constexpr size_t kChunkSize = 4096;

// A batch of rows as a set of equally long columns.
class Chunk {
public:
    Chunk() = default;
    Chunk(std::vector<ColumnPtr> columns, size_t num_rows) : columns_(std::move(columns)), num_rows_(num_rows) {}

    size_t num_rows() const { return num_rows_; }
    size_t num_columns() const { return columns_.size(); }
    const ColumnPtr& column(size_t i) const { return columns_[i]; }
    const std::vector<ColumnPtr>& columns() const { return columns_; }
    void AddColumn(ColumnPtr column);
    void SetColumn(size_t i, ColumnPtr column) { columns_[i] = std::move(column); }
    bool empty() const { return num_rows_ == 0; }

    // A chunk of the selected rows, every column flattened.
    Chunk Select(const SelectionVector& selection) const;
    // Rows [offset, offset + count) as a new chunk (columns flattened).
    Chunk Slice(size_t offset, size_t count) const;

    size_t MemoryUsage() const;
    // Rows as text, one per line, columns separated by " | " (debugging and tests).
    std::string ToString() const;

private:
    std::vector<ColumnPtr> columns_;
    size_t num_rows_ = 0;
};

}  // namespace flashlake

#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "column/chunk.h"
#include "exec/operators/sort_keys.h"

namespace flashlake::exec {

// Rows gathered by one driver of a sort: the input's columns (payload), the ORDER BY values, and
// their encoded keys (SortKeyEncoder). Sort() orders the rows; MergeRuns merges sorted runs.
struct SortedRun {
    std::vector<ColumnPtr> payload;        // flat
    std::vector<ColumnPtr> keys;           // flat ORDER BY values, for ties of long strings
    std::vector<const Column*> key_views;  // keys as raw pointers
    std::vector<uint8_t> encoded;          // rows * encoder.width() bytes
    std::vector<uint32_t> order;           // after Sort: row numbers in SQL order
    size_t rows = 0;
    bool has_long_strings = false;

    // Appends `num_rows` rows: payload and key columns of any encoding; `encoded` (optional) are
    // their keys already encoded.
    void Append(const SortKeyEncoder& encoder, const std::vector<ColumnPtr>& payload_columns,
                const std::vector<ColumnPtr>& key_columns, size_t num_rows, const uint8_t* encoded_keys = nullptr);
    void Sort(const SortKeyEncoder& encoder);
    // A run holding the first `count` rows of this sorted run, sorted.
    std::unique_ptr<SortedRun> TakeFirst(const SortKeyEncoder& encoder, size_t count) const;
    size_t MemoryUsage() const;
};

// The rows of sorted runs in SQL order as chunks of kChunkSize rows, at most `limit` rows when
// limit >= 0 (a k-way merge over a heap of the runs' next rows).
std::vector<Chunk> MergeRuns(const std::vector<const SortedRun*>& runs, const SortKeyEncoder& encoder, int64_t limit);

}  // namespace flashlake::exec

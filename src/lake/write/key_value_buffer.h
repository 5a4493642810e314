#pragma once

#include <cstdint>
#include <vector>

#include "column/chunk.h"
#include "column/selection_vector.h"
#include "types/logical_type.h"

namespace flashlake::lake {

// The in-memory write buffer of one primary-key bucket (Paimon's SortBufferWriteBuffer, in
// columns): the table columns of every buffered row, appended chunk by chunk, with each row's
// sequence number (assigned on arrival, so row order is sequence order) and RowKind byte.
//
// Sort orders by key at flush time: the trimmed primary-key columns of all rows are
// encoded once as normalized keys (lsm/normalized_keys.h, Paimon's key order), then a row
// permutation is sorted by (key, sequence). Keys of at most 24 encoded bytes (up to two BIGINT
// or DATETIME columns, the common case) are sorted as triples of 64-bit words.
class KeyValueBuffer {
public:
    KeyValueBuffer(std::vector<LogicalType> types, std::vector<int> key_columns);

    // Appends rows `rows` of `chunk` (all when null); `kinds` holds one RowKind byte per chunk
    // row (null: all +I). Rows get sequence numbers *next_sequence, *next_sequence + 1, ...
    void Append(const Chunk& chunk, const SelectionVector* rows, const uint8_t* kinds, int64_t* next_sequence);

    size_t size() const { return sequence_.size(); }
    bool empty() const { return sequence_.empty(); }
    const std::vector<ColumnPtr>& columns() const { return columns_; }
    const std::vector<int64_t>& sequence() const { return sequence_; }
    const std::vector<int8_t>& kinds() const { return kinds_; }

    // The buffered rows ordered by (key, sequence), grouped by key.
    struct Sorted {
        std::vector<uint32_t> order;        // buffer rows
        std::vector<uint32_t> group_begin;  // key g is order[group_begin[g], group_begin[g + 1])
        size_t num_groups() const { return group_begin.size() - 1; }
    };
    Sorted Sort() const;

    void Clear();

private:
    std::vector<LogicalType> types_;
    std::vector<int> key_columns_;
    std::vector<ColumnPtr> columns_;  // flat, one per table column
    std::vector<int64_t> sequence_;
    std::vector<int8_t> kinds_;
};

}  // namespace flashlake::lake

#pragma once

#include <cstdint>
#include <vector>

#include "column/column.h"
#include "exec/operators/large_allocation.h"
#include "functions/aggregate_function.h"

namespace flashlake::exec {

// The byte layout of one group in a hash aggregation table (and of one entry in a DISTINCT set):
//
//   [hash: uint64][forward: row pointer, optional][valid byte per key][key values, each at its
//   natural alignment][aggregate states]
//
// The stored hash lets tables grow and partition without rehashing keys. The forward pointer, when
// the layout has one, is where merging left the group (the row its states were combined into, or
// the row itself): DISTINCT entries recorded against a driver's row find the merged group by it. A NULL key has valid
// byte 0 and a zeroed value. String keys are StringViews whose long bytes are copied into the
// owning table's arena, so a row never points into an input chunk.
//
// Key operations work on many rows at once and dispatch on the key type once per column, not per
// value: scatter (columns -> rows), match (columns vs rows, narrowing a candidate list), gather
// (rows -> columns).
class RowLayout {
public:
    RowLayout(std::vector<LogicalType> key_types, std::vector<const functions::BoundAggregateFunction*> aggregates,
              bool with_forward = false);

    size_t row_size() const { return row_size_; }
    size_t row_alignment() const { return row_alignment_; }
    size_t num_keys() const { return key_types_.size(); }
    const std::vector<LogicalType>& key_types() const { return key_types_; }
    size_t num_aggregates() const { return aggregates_.size(); }
    const functions::BoundAggregateFunction& aggregate(size_t i) const { return *aggregates_[i]; }
    size_t state_offset(size_t aggregate) const { return state_offsets_[aggregate]; }

    static uint64_t RowHash(const uint8_t* row) {
        uint64_t hash;
        std::memcpy(&hash, row, sizeof(hash));
        return hash;
    }
    // Layouts made with_forward only.
    static uint8_t* Forward(const uint8_t* row) {
        uint8_t* forward;
        std::memcpy(&forward, row + sizeof(uint64_t), sizeof(forward));
        return forward;
    }
    static void SetForward(uint8_t* row, uint8_t* forward) {
        std::memcpy(row + sizeof(uint64_t), &forward, sizeof(forward));
    }

    // Writes the keys of input rows input_rows[i] of the (flat) key columns into rows[i].
    void ScatterKeys(const std::vector<const Column*>& keys, const uint32_t* input_rows, uint8_t* const* rows,
                     size_t count, RowArena& arena) const;

    // Compares candidates (input row input_rows[i] against rows[i]) key by key. Matching pairs are
    // compacted to the front of input_rows/rows and their count returned; the input rows of the
    // others are appended to mismatches.
    size_t MatchKeys(const std::vector<const Column*>& keys, uint32_t* input_rows, uint8_t** rows, size_t count,
                     std::vector<uint32_t>& mismatches) const;

    // Appends the keys of `rows` to flat columns `out` (one per key). With copy_strings, long
    // string bytes are copied into the columns' heaps (output that outlives the table); without,
    // the views keep pointing into the table's arena (merging while the table is alive).
    void GatherKeys(uint8_t* const* rows, size_t count, size_t first_key, size_t num_keys, std::vector<ColumnPtr>& out,
                    bool copy_strings) const;

    // Runs every aggregate's initialize on the states of `rows`.
    void InitializeStates(uint8_t* const* rows, size_t count) const;

private:
    std::vector<LogicalType> key_types_;
    std::vector<const functions::BoundAggregateFunction*> aggregates_;
    std::vector<size_t> valid_offsets_;
    std::vector<size_t> key_offsets_;
    std::vector<size_t> state_offsets_;
    size_t row_size_ = 0;
    size_t row_alignment_ = 8;
};

}  // namespace flashlake::exec

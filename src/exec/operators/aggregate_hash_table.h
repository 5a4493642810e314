#pragma once

#include <cstdint>
#include <vector>

#include "exec/operators/large_allocation.h"
#include "exec/operators/row_layout.h"

namespace flashlake::exec {

// Rows are spread over 2^kPartitionBits partitions by hash bits 40..47 (the probe position uses
// the low bits and the salt the top 16), so that partial tables of several drivers can be merged
// partition by partition in parallel: equal keys always land in the same partition.
constexpr size_t kPartitionBits = 4;
constexpr size_t kNumPartitions = size_t{1} << kPartitionBits;
inline size_t PartitionOfHash(uint64_t hash) {
    return (hash >> 40) & (kNumPartitions - 1);
}

// An open-addressing hash table of rows laid out by a RowLayout (group keys, then aggregate
// states). Slots hold a 16-bit salt of the hash and a 48-bit row pointer; rows live in the
// table's arena, so they never move when the slot array grows, and are also listed per partition
// (the order in which they were created).
//
// Lookups are vectorized: a batch of rows is probed together, new groups are created for keys not
// seen, and candidate matches (equal salt) are verified a key column at a time. Not thread-safe:
// each driver has its own tables.
class AggregateHashTable {
public:
    explicit AggregateHashTable(const RowLayout& layout);
    AggregateHashTable(const AggregateHashTable&) = delete;
    AggregateHashTable& operator=(const AggregateHashTable&) = delete;

    // rows[i] = the row of input row i's group (keys: flat key columns; hashes from
    // HashKeyColumns or any hash that is equal for equal keys). New rows get their keys copied and
    // their states initialized. `is_new`, when given, gets 1 for rows that created their group.
    void FindOrCreate(const std::vector<const Column*>& keys, const uint64_t* hashes, size_t num_rows, uint8_t** rows,
                      uint8_t* is_new = nullptr);

    // Merging: source_rows are rows of another table with the same layout (keys gathered into
    // `keys`). A key seen for the first time takes the source row itself into this table (no copy;
    // is_new[i] = 1), otherwise rows[i] is the row already holding the key.
    void FindOrAdopt(const std::vector<const Column*>& keys, uint8_t* const* source_rows, size_t num_rows,
                     uint8_t** rows, uint8_t* is_new);

    // The row of a table without keys (the one group of an aggregation without GROUP BY).
    uint8_t* SingleRow();

    const std::vector<uint8_t*>& partition(size_t p) const { return partitions_[p]; }
    size_t size() const { return count_; }
    const RowLayout& layout() const { return layout_; }
    // Bytes held: rows, string keys, slots and partition lists.
    size_t MemoryUsage() const;

private:
    void Probe(const std::vector<const Column*>& keys, const uint64_t* hashes, uint8_t* const* adopt, size_t num_rows,
               uint8_t** rows, uint8_t* is_new);
    void Reserve(size_t extra);
    uint8_t* NewRow(uint64_t hash);
    void Insert(uint8_t* row, uint64_t hash);

    static constexpr uint64_t kPointerMask = (uint64_t{1} << 48) - 1;

    const RowLayout& layout_;
    RowArena arena_;
    ZeroedArray<uint64_t> slots_;  // 0 = empty
    size_t mask_ = 0;
    size_t count_ = 0;
    std::vector<std::vector<uint8_t*>> partitions_;
    // Scratch for Probe, kept to avoid allocating per batch.
    std::vector<uint64_t> positions_, adopt_hashes_;
    std::vector<uint32_t> pending_, candidates_, new_rows_;
    std::vector<uint8_t*> candidate_rows_, new_row_pointers_;
    std::vector<uint32_t> mismatches_;
};

}  // namespace flashlake::exec

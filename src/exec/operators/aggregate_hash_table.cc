#include "exec/operators/aggregate_hash_table.h"

#include <bit>

#include "common/check.h"

namespace flashlake::exec {

AggregateHashTable::AggregateHashTable(const RowLayout& layout) : layout_(layout), partitions_(kNumPartitions) {}

size_t AggregateHashTable::MemoryUsage() const {
    size_t bytes = arena_.bytes_reserved() + slots_.size() * sizeof(uint64_t);
    for (const auto& partition : partitions_) bytes += partition.capacity() * sizeof(uint8_t*);
    return bytes;
}

uint8_t* AggregateHashTable::NewRow(uint64_t hash) {
    uint8_t* row = arena_.Allocate(layout_.row_size(), layout_.row_alignment());
    std::memcpy(row, &hash, sizeof(hash));
    return row;
}

void AggregateHashTable::Insert(uint8_t* row, uint64_t hash) {
    size_t position = hash & mask_;
    while (slots_[position] != 0) position = (position + 1) & mask_;
    slots_[position] = (hash & ~kPointerMask) | reinterpret_cast<uint64_t>(row);
}

// Keeps the load at most 1/2 even if every one of `extra` rows turns out to be new, so that a
// probe batch never has to grow the table halfway through.
void AggregateHashTable::Reserve(size_t extra) {
    size_t needed = (count_ + extra) * 2;
    if (needed <= slots_.size()) return;
    size_t capacity = std::bit_ceil(std::max<size_t>(needed, 1024));
    slots_.Reset(capacity);
    mask_ = capacity - 1;
    for (const auto& partition : partitions_) {
        for (uint8_t* row : partition) Insert(row, RowLayout::RowHash(row));
    }
}

uint8_t* AggregateHashTable::SingleRow() {
    if (count_ == 0) {
        uint8_t* row = NewRow(0);
        layout_.InitializeStates(&row, 1);
        partitions_[0].push_back(row);
        count_ = 1;
    }
    return partitions_[0][0];
}

void AggregateHashTable::FindOrCreate(const std::vector<const Column*>& keys, const uint64_t* hashes, size_t num_rows,
                                      uint8_t** rows, uint8_t* is_new) {
    Probe(keys, hashes, nullptr, num_rows, rows, is_new);
}

void AggregateHashTable::FindOrAdopt(const std::vector<const Column*>& keys, uint8_t* const* source_rows,
                                     size_t num_rows, uint8_t** rows, uint8_t* is_new) {
    // The source rows carry their hashes.
    adopt_hashes_.resize(num_rows);
    for (size_t i = 0; i < num_rows; ++i) adopt_hashes_[i] = RowLayout::RowHash(source_rows[i]);
    Probe(keys, adopt_hashes_.data(), source_rows, num_rows, rows, is_new);
}

void AggregateHashTable::Probe(const std::vector<const Column*>& keys, const uint64_t* hashes, uint8_t* const* adopt,
                               size_t num_rows, uint8_t** rows, uint8_t* is_new) {
    if (num_rows == 0) return;
    Reserve(num_rows);
    positions_.resize(num_rows);
    pending_.resize(num_rows);
    candidates_.resize(num_rows);
    candidate_rows_.resize(num_rows);
    new_rows_.resize(num_rows);
    new_row_pointers_.resize(num_rows);
    for (uint32_t i = 0; i < num_rows; ++i) {
        pending_[i] = i;
        positions_[i] = hashes[i] & mask_;
    }
    if (is_new != nullptr) std::memset(is_new, 0, num_rows);
    size_t pending = num_rows;
    while (pending > 0) {
        size_t num_candidates = 0, num_new = 0;
        for (size_t k = 0; k < pending; ++k) {
            // Big tables: fetch the slot a few rows ahead so that cache misses overlap.
            if (k + 16 < pending) __builtin_prefetch(&slots_[positions_[pending_[k + 16]]]);
            uint32_t r = pending_[k];
            const uint64_t hash = hashes[r];
            const uint64_t salt = hash & ~kPointerMask;
            size_t position = positions_[r];
            while (true) {
                uint64_t slot = slots_[position];
                if (slot == 0) {
                    uint8_t* row;
                    if (adopt != nullptr) {
                        row = adopt[r];
                    } else {
                        // States first: if copying the keys fails, Destroy still sees valid states.
                        row = NewRow(hash);
                        layout_.InitializeStates(&row, 1);
                    }
                    slots_[position] = salt | reinterpret_cast<uint64_t>(row);
                    partitions_[PartitionOfHash(hash)].push_back(row);
                    ++count_;
                    rows[r] = row;
                    new_rows_[num_new] = r;
                    new_row_pointers_[num_new++] = row;
                    break;
                }
                if ((slot & ~kPointerMask) == salt) {
                    candidates_[num_candidates] = r;
                    candidate_rows_[num_candidates++] = reinterpret_cast<uint8_t*>(slot & kPointerMask);
                    positions_[r] = position;
                    break;
                }
                position = (position + 1) & mask_;
            }
        }
        if (num_new > 0) {
            if (is_new != nullptr) {
                for (size_t i = 0; i < num_new; ++i) is_new[new_rows_[i]] = 1;
            }
            if (adopt == nullptr)
                layout_.ScatterKeys(keys, new_rows_.data(), new_row_pointers_.data(), num_new, arena_);
        }
        mismatches_.clear();
        size_t matched =
            layout_.MatchKeys(keys, candidates_.data(), candidate_rows_.data(), num_candidates, mismatches_);
        for (size_t i = 0; i < matched; ++i) rows[candidates_[i]] = candidate_rows_[i];
        // Mismatched candidates continue probing after the slot they stopped at.
        pending = mismatches_.size();
        for (size_t i = 0; i < pending; ++i) {
            uint32_t r = mismatches_[i];
            pending_[i] = r;
            positions_[r] = (positions_[r] + 1) & mask_;
        }
    }
}

}  // namespace flashlake::exec

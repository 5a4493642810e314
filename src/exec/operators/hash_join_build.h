#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "exec/operators/large_allocation.h"
#include "exec/operators/local_state_pool.h"
#include "exec/operators/memory_charge.h"
#include "exec/operators/operator.h"
#include "exec/operators/runtime_filter.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

// The build side of a hash join (children[1] of a kJoin), shared by the build sink that fills it
// and the probe operators that read it.
//
// All build rows are concatenated into flat columns (the right child's columns, then the evaluated
// join keys) so that a build row is one uint32 number. The table is chained: buckets hold the first
// row number + 1 of their chain and `next` links rows of a bucket; the full hash of every row is
// kept so probes skip most non-matching rows without touching the keys. Rows whose key has a NULL
// are never linked (NULL matches nothing) but stay in the columns for RIGHT/FULL output.
// Insertion runs in parallel with a compare-and-swap per row on the bucket head.
class JoinHashTable {
public:
    JoinHashTable(std::vector<LogicalType> right_types, std::vector<planner::BoundExprPtr> keys);

    // Build phase.
    void Consume(ExecContext& context, const Chunk& chunk);
    void Finish(ExecContext& context);

    // After Finish.
    size_t num_rows() const { return num_rows_; }
    const std::vector<ColumnPtr>& columns() const { return columns_; }
    const std::vector<const Column*>& key_columns() const { return key_views_; }
    const std::vector<LogicalType>& right_types() const { return right_types_; }
    const std::vector<uint32_t>& null_key_rows() const { return null_key_rows_; }
    bool has_keys() const { return !keys_.empty(); }
    const std::vector<planner::BoundExprPtr>& keys() const { return keys_; }
    // First build row number of the chain for `hash`, or kEnd.
    static constexpr uint32_t kEnd = UINT32_MAX;
    uint32_t ChainStart(uint64_t hash) const { return buckets_[hash & mask_] - 1; }
    uint32_t ChainNext(uint32_t row) const { return next_[row] - 1; }
    void PrefetchBucket(uint64_t hash) const { __builtin_prefetch(&buckets_[hash & mask_]); }
    uint64_t RowHash(uint32_t row) const { return hashes_[row]; }

    // RIGHT/FULL joins: which build rows some probe row matched (set concurrently by probes).
    void MarkMatched(uint32_t row) { std::atomic_ref<uint8_t>(matched_[row]).store(1, std::memory_order_relaxed); }
    bool IsMatched(uint32_t row) const { return matched_[row] != 0; }
    void EnableMatchTracking() { track_matches_ = true; }

private:
    struct LocalBuild {
        std::vector<Chunk> chunks;                 // right columns
        std::vector<std::vector<ColumnPtr>> keys;  // evaluated keys, per chunk
        MemoryCharge memory;
        size_t bytes = 0;
    };

    std::vector<LogicalType> right_types_;
    std::vector<planner::BoundExprPtr> keys_;
    LocalStatePool<LocalBuild> locals_;
    bool track_matches_ = false;

    size_t num_rows_ = 0;
    std::vector<ColumnPtr> columns_;  // right columns, flat
    std::vector<ColumnPtr> key_columns_;
    std::vector<const Column*> key_views_;
    ZeroedArray<uint64_t> hashes_;
    ZeroedArray<uint32_t> buckets_;  // row + 1; 0 = empty
    ZeroedArray<uint32_t> next_;     // row + 1; 0 = end of chain
    ZeroedArray<uint8_t> matched_;
    size_t mask_ = 0;
    std::vector<uint32_t> null_key_rows_;
    MemoryCharge memory_;
};

// Sink of the build pipeline: fills a JoinHashTable.
// Then publishes the join's runtime filters, each over one key column.
class HashJoinBuildSink : public SinkOperator {
public:
    struct FilterOfKey {
        std::shared_ptr<RuntimeFilter> filter;
        size_t key;
    };
    HashJoinBuildSink(std::shared_ptr<JoinHashTable> table, std::vector<FilterOfKey> filters)
        : table_(std::move(table)), filters_(std::move(filters)) {}
    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override { table_->Consume(context, chunk); }
    void Finish(ExecContext& context) override {
        table_->Finish(context);
        for (const auto& [filter, key] : filters_) filter->Publish(*table_->key_columns()[key], table_->num_rows());
    }

private:
    std::shared_ptr<JoinHashTable> table_;
    std::vector<FilterOfKey> filters_;
};

}  // namespace flashlake::exec

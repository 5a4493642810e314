#pragma once

#include <memory>
#include <vector>

#include "exec/operators/aggregate_hash_table.h"
#include "exec/operators/local_state_pool.h"
#include "exec/operators/memory_charge.h"
#include "exec/operators/operator.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

// Aggregates sharing one DISTINCT argument list share one set of (group, arguments) entries. The
// group is named by its row in the driver's table (a fixed-width pointer key, cheaper to hash and
// compare than the group keys); merging follows the row's forward pointer to the merged group.
struct DistinctSet {
    std::vector<const planner::BoundExpression*> arguments;  // of the first aggregate in the set
    std::vector<size_t> aggregates;                          // indices into the aggregate list
    // Keys: the group row as BIGINT (with GROUP BY only), then the arguments; no states.
    std::unique_ptr<RowLayout> layout;
};

// One driver's partial aggregation (phase 1).
struct LocalAggregation {
    std::unique_ptr<AggregateHashTable> table;
    std::vector<std::unique_ptr<AggregateHashTable>> distinct_tables;  // one per DistinctSet
    MemoryCharge memory;
    // Scratch reused across chunks.
    std::vector<uint64_t> hashes, distinct_hashes;
    std::vector<uint8_t*> rows, states, distinct_rows;
};

// Everything one aggregation holds between its sink and its source (see hash_aggregate.h). Owns
// the rows: its destructor runs the aggregates' Destroy on every state it created.
class HashAggregateState {
public:
    HashAggregateState(const std::vector<planner::BoundExprPtr>& groups,
                       const std::vector<planner::BoundAggregate>& aggregates);
    ~HashAggregateState();

    void Consume(ExecContext& context, const Chunk& chunk);
    void Finish(ExecContext& context);

    // Output after Finish: rows per partition, and the chunk of rows [begin, end) of one.
    const std::vector<std::vector<uint8_t*>>& output_rows() const { return output_rows_; }
    Chunk OutputChunk(const std::vector<uint8_t*>& rows, size_t begin, size_t end) const;

private:
    bool grouped() const { return !groups_.empty(); }
    static bool IsSmallDictionary(const Column& column, size_t num_rows);
    void FindGroupsOfDictionary(LocalAggregation& local, const Column& column, size_t num_rows);
    void FinishGrouped(ExecContext& context);
    void FinishGlobal(ExecContext& context);
    // Merges partition p of every driver's table into one table (combining states of equal keys).
    std::unique_ptr<AggregateHashTable> MergePartition(size_t p, MemoryCharge& memory);
    // Removes duplicates from partition p of every driver's entries for `set`, then feeds each
    // (group, arguments) entry once into the set's aggregates: of its merged group, or of
    // `single_row` when there is no GROUP BY. Grouped: partition p of the groups is merged already.
    void AggregateDistinct(size_t p, const DistinctSet& set, uint8_t* single_row, MemoryCharge& memory);
    void FeedDistinct(const DistinctSet& set, uint8_t* const* entries, size_t count, uint8_t* single_row);
    void CombineStates(const std::vector<size_t>& aggregates, uint8_t** targets, uint8_t** sources, size_t count);
    void DestroyStates(const AggregateHashTable& table);

    std::vector<planner::BoundExprPtr> groups_;
    std::vector<planner::BoundAggregate> aggregates_;
    std::unique_ptr<RowLayout> layout_;  // keys: groups; states: every aggregate
    std::vector<size_t> plain_aggregates_;
    std::vector<DistinctSet> distinct_sets_;
    LocalStatePool<LocalAggregation> locals_;

    // Built by Finish.
    std::vector<std::unique_ptr<AggregateHashTable>> merged_;        // per partition; rows adopted
    std::vector<std::unique_ptr<AggregateHashTable>> owned_tables_;  // tables whose rows Finish created
    std::vector<MemoryCharge> partition_memory_;                     // merged tables, per partition
    std::vector<MemoryCharge> distinct_memory_;                      // DISTINCT de-duplication while it runs
    std::vector<std::vector<uint8_t*>> output_rows_;
};

}  // namespace flashlake::exec

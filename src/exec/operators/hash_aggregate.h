#pragma once

#include <memory>
#include <vector>

#include "exec/operators/operator.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

class HashAggregateState;

// GROUP BY with aggregates, as a pipeline breaker: the sink ends the input pipeline and the source
// it makes starts the next one. Output: one row per group, the group keys then one column per
// aggregate; without GROUP BY exactly one row, also over empty input.
//
// Two phases:
//  1. Consume (parallel drivers): each driver folds its chunks into a thread-local
//     AggregateHashTable (groups with their aggregate states). Keys of any types and any number,
//     NULL keys forming their own group, strings copied into the table's arena.
//  2. Finish: the thread-local tables are merged partition by partition in parallel (rows of a
//     key fall into the same one of kNumPartitions partitions in every table), adopting the first
//     row seen for a key and combining the states of the others into it. The source then hands out
//     one morsel per partition, whose driver finalizes the states into output chunks.
//
// DISTINCT aggregates (COUNT(DISTINCT x), SUM(DISTINCT x), ...) are computed by a distinct
// pre-aggregation instead of per-group hash sets: in phase 1 each driver also inserts
// (group keys, arguments) into a thread-local set per distinct argument list, partitioned by the
// group keys' hash; in phase 2 each partition's sets are merged, which removes duplicates across
// drivers, and every surviving (group, arguments) pair is fed once into the plain aggregate (COUNT,
// SUM, ...) of its group. This keeps one code path for all aggregates, needs no per-group heap
// objects, and merges in parallel. Without GROUP BY the sets are partitioned by the arguments'
// hash and each partition's partial result is combined into the single group at the end.
//
// Memory of the tables is charged to context.memory; over the limit the query fails with
// kMemoryLimitExceeded.
class HashAggregateSink : public SinkOperator {
public:
    // The expressions are over the input chunk's columns; the sink keeps its own copies.
    HashAggregateSink(const std::vector<planner::BoundExprPtr>& groups,
                      const std::vector<planner::BoundAggregate>& aggregates);
    ~HashAggregateSink() override;

    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override;
    void Finish(ExecContext& context) override;

    // The source of the pipeline that reads the groups; made when the pipelines are built, read
    // after Finish.
    std::unique_ptr<SourceOperator> MakeSource();

private:
    std::shared_ptr<HashAggregateState> state_;
};

}  // namespace flashlake::exec

#pragma once

#include <memory>
#include <vector>

#include "exec/operators/operator.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

class SortState;

// ORDER BY (any number of keys, ASC/DESC, NULLS FIRST/LAST, any types) as a pipeline breaker.
// Each driver appends its chunks to a run of its own (payload columns, ORDER BY values and their
// memcmp-able encoded keys, see sort_keys.h); Finish sorts the runs in parallel and merges them
// with a k-way merge into chunks in order, which MakeSource hands out as one ordered stream.
// Run memory is charged to context.memory.
class SortSink : public SinkOperator {
public:
    explicit SortSink(const std::vector<planner::BoundOrderBy>& order_by);
    ~SortSink() override;
    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override;
    void Finish(ExecContext& context) override;
    std::unique_ptr<SourceOperator> MakeSource();

private:
    std::unique_ptr<SortState> state_;
};

}  // namespace flashlake::exec

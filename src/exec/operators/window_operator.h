#pragma once

#include <memory>

#include "exec/operators/operator.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

class WindowState;

// Window functions (a kWindow node) as a pipeline breaker. Each driver appends its chunks, with
// the evaluated PARTITION BY, ORDER BY and argument values, to a sorted run of its own (the sort
// machinery of sort_operator.h); Finish sorts and merges the runs by (partition keys, order
// keys), then computes every window of the node one partition at a time with its frame, and
// MakeSource hands out the input columns followed by one column per window. All windows of one
// node share PARTITION BY and ORDER BY (the binder groups them). Memory is charged to
// context.memory.
class WindowSink : public SinkOperator {
public:
    explicit WindowSink(const planner::LogicalOperator& node);
    ~WindowSink() override;
    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override;
    void Finish(ExecContext& context) override;
    std::unique_ptr<SourceOperator> MakeSource();

private:
    std::unique_ptr<WindowState> state_;
};

}  // namespace flashlake::exec

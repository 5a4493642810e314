#pragma once

#include <memory>
#include <vector>

#include "exec/operators/operator.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

class TopNState;

// ORDER BY ... LIMIT n (a kSort with limit >= 0) as a pipeline breaker that keeps at most about n
// rows per driver instead of the whole input. Each driver's candidates are a sorted run bounded
// like a heap: once it holds n rows, the n-th smallest encoded key becomes a threshold and later
// rows at or beyond it are dropped before they are copied; when the candidates reach
// max(2n, n + kChunkSize) they are sorted and cut back to n. Finish merges the drivers' runs and
// keeps the first n rows, handed out as one ordered stream like SortSink's.
class TopNSink : public SinkOperator {
public:
    TopNSink(const std::vector<planner::BoundOrderBy>& order_by, int64_t limit);
    ~TopNSink() override;
    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override;
    void Finish(ExecContext& context) override;
    std::unique_ptr<SourceOperator> MakeSource();

private:
    std::unique_ptr<TopNState> state_;
};

}  // namespace flashlake::exec

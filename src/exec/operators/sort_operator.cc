#include "exec/operators/sort_operator.h"

#include "exec/expression/expression_evaluator.h"
#include "exec/operators/local_state_pool.h"
#include "exec/operators/memory_charge.h"
#include "exec/operators/ordered_output.h"
#include "exec/operators/sorted_run.h"
#include "exec/pipeline/parallel_tasks.h"

namespace flashlake::exec {

namespace {

struct LocalSort {
    SortedRun run;
    MemoryCharge memory;
};

}  // namespace

class SortState {
public:
    explicit SortState(const std::vector<planner::BoundOrderBy>& order_by)
        : encoder_(order_by),
          locals_([] { return std::make_unique<LocalSort>(); }),
          output_(std::make_shared<OrderedOutput>()) {
        for (const auto& item : order_by) order_by_.push_back(item.expression->Clone());
    }

    void Consume(ExecContext& context, const Chunk& chunk) {
        if (chunk.empty()) return;
        std::vector<ColumnPtr> keys;
        for (const auto& expression : order_by_) keys.push_back(ExpressionEvaluator::Evaluate(*expression, chunk));
        auto local = locals_.Acquire();
        local->memory.SetTracker(context.memory);
        local->run.Append(encoder_, chunk.columns(), keys, chunk.num_rows());
        local->memory.Update(local->run.MemoryUsage());
    }

    void Finish(ExecContext& context) {
        auto& locals = locals_.states();
        RunParallelTasks(context, locals.size(), [&](size_t i) { locals[i]->run.Sort(encoder_); });
        std::vector<const SortedRun*> runs;
        for (const auto& local : locals) runs.push_back(&local->run);
        output_->chunks = MergeRuns(runs, encoder_, -1);
        // The runs are no longer needed (the output keeps the string heaps it points into).
        locals.clear();
    }

    std::shared_ptr<OrderedOutput> output() const { return output_; }

private:
    std::vector<planner::BoundExprPtr> order_by_;
    SortKeyEncoder encoder_;
    LocalStatePool<LocalSort> locals_;
    std::shared_ptr<OrderedOutput> output_;
};

SortSink::SortSink(const std::vector<planner::BoundOrderBy>& order_by)
    : state_(std::make_unique<SortState>(order_by)) {}

SortSink::~SortSink() = default;

void SortSink::Consume(ExecContext& context, Chunk chunk, ChunkOrder order) {
    state_->Consume(context, chunk);
}

void SortSink::Finish(ExecContext& context) {
    state_->Finish(context);
}

std::unique_ptr<SourceOperator> SortSink::MakeSource() {
    return std::make_unique<OrderedOutputSource>(state_->output());
}

}  // namespace flashlake::exec

#include "exec/operators/top_n_operator.h"

#include <cstring>

#include "exec/expression/expression_evaluator.h"
#include "exec/operators/key_hashing.h"
#include "exec/operators/local_state_pool.h"
#include "exec/operators/memory_charge.h"
#include "exec/operators/ordered_output.h"
#include "exec/operators/sorted_run.h"
#include "exec/pipeline/parallel_tasks.h"

namespace flashlake::exec {

namespace {

struct LocalTopN {
    std::unique_ptr<SortedRun> run = std::make_unique<SortedRun>();
    std::vector<uint8_t> threshold;  // encoded key of the n-th row once the run was cut to n rows
    MemoryCharge memory;
    std::vector<uint8_t> encoded;  // scratch
};

}  // namespace

class TopNState {
public:
    TopNState(const std::vector<planner::BoundOrderBy>& order_by, int64_t limit)
        : encoder_(order_by),
          limit_(static_cast<size_t>(limit)),
          locals_([] { return std::make_unique<LocalTopN>(); }),
          output_(std::make_shared<OrderedOutput>()) {
        for (const auto& item : order_by) order_by_.push_back(item.expression->Clone());
    }

    void Consume(ExecContext& context, const Chunk& chunk) {
        if (chunk.empty() || limit_ == 0) return;
        const size_t num_rows = chunk.num_rows(), width = encoder_.width();
        std::vector<ColumnPtr> keys;
        std::vector<const Column*> key_views;
        for (const auto& expression : order_by_) {
            keys.push_back(FlatKeyColumn(ExpressionEvaluator::Evaluate(*expression, chunk)));
            key_views.push_back(keys.back().get());
        }
        auto local = locals_.Acquire();
        local->memory.SetTracker(context.memory);
        local->encoded.resize(num_rows * width);
        bool long_strings = false;
        encoder_.Encode(key_views, num_rows, local->encoded.data(), &long_strings);
        if (local->threshold.empty()) {
            local->run->Append(encoder_, chunk.columns(), keys, num_rows, local->encoded.data());
        } else {
            // Only rows before the threshold can enter the top n (with long strings, also those
            // equal to it up to the first string key, whose cut prefix may hide a difference).
            SelectionVector selection(num_rows);
            std::vector<uint8_t> kept;
            for (uint32_t r = 0; r < num_rows; ++r) {
                const uint8_t* key = local->encoded.data() + size_t{r} * width;
                const bool before =
                    long_strings ? std::memcmp(key, local->threshold.data(), encoder_.exact_width()) <= 0
                                 : std::memcmp(key, local->threshold.data(), width) < 0;
                if (before) {
                    selection.Append(r);
                    kept.insert(kept.end(), local->encoded.begin() + r * width,
                                local->encoded.begin() + (r + 1) * width);
                }
            }
            if (selection.empty()) return;
            Chunk selected = chunk.Select(selection);
            std::vector<ColumnPtr> selected_keys;
            for (const auto& key : keys) selected_keys.push_back(key->Flatten(&selection));
            local->run->Append(encoder_, selected.columns(), selected_keys, selection.size(), kept.data());
        }
        if (local->run->rows >= std::max(2 * limit_, limit_ + kChunkSize)) Cut(*local);
        local->memory.Update(local->run->MemoryUsage());
    }

    void Finish(ExecContext& context) {
        auto& locals = locals_.states();
        RunParallelTasks(context, locals.size(), [&](size_t i) { locals[i]->run->Sort(encoder_); });
        std::vector<const SortedRun*> runs;
        for (const auto& local : locals) runs.push_back(local->run.get());
        output_->chunks = MergeRuns(runs, encoder_, static_cast<int64_t>(limit_));
        locals.clear();
    }

    std::shared_ptr<OrderedOutput> output() const { return output_; }

private:
    // Keeps the n smallest rows and remembers the n-th key as the threshold.
    void Cut(LocalTopN& local) {
        local.run->Sort(encoder_);
        local.run = local.run->TakeFirst(encoder_, limit_);
        const size_t width = encoder_.width();
        local.threshold.assign(local.run->encoded.end() - static_cast<std::ptrdiff_t>(width), local.run->encoded.end());
    }

    std::vector<planner::BoundExprPtr> order_by_;
    SortKeyEncoder encoder_;
    size_t limit_;
    LocalStatePool<LocalTopN> locals_;
    std::shared_ptr<OrderedOutput> output_;
};

TopNSink::TopNSink(const std::vector<planner::BoundOrderBy>& order_by, int64_t limit)
    : state_(std::make_unique<TopNState>(order_by, limit)) {}

TopNSink::~TopNSink() = default;

void TopNSink::Consume(ExecContext& context, Chunk chunk, ChunkOrder order) {
    state_->Consume(context, chunk);
}

void TopNSink::Finish(ExecContext& context) {
    state_->Finish(context);
}

std::unique_ptr<SourceOperator> TopNSink::MakeSource() {
    return std::make_unique<OrderedOutputSource>(state_->output());
}

}  // namespace flashlake::exec

#include "exec/operators/window_operator.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "common/check.h"
#include "exec/expression/expression_evaluator.h"
#include "exec/operators/local_state_pool.h"
#include "exec/operators/memory_charge.h"
#include "exec/operators/ordered_output.h"
#include "exec/operators/sorted_run.h"
#include "exec/pipeline/parallel_tasks.h"

namespace flashlake::exec {

namespace {

using planner::BoundWindow;
using planner::WindowBoundKind;

struct LocalWindow {
    SortedRun run;
    MemoryCharge memory;
};

// Which rows are equal on a set of keys, through their memcmp-able encoding (sort_keys.h); rows
// whose encodings are equal but hold long strings are compared on the values.
class KeyEquality {
public:
    KeyEquality(const std::vector<planner::BoundOrderBy>& keys, std::vector<const Column*> columns, size_t rows)
        : encoder_(keys), columns_(std::move(columns)) {
        encoded_.resize(rows * encoder_.width());
        if (encoder_.num_keys() > 0 && rows > 0) encoder_.Encode(columns_, rows, encoded_.data(), &long_strings_);
    }
    bool Equal(size_t a, size_t b) const {
        if (encoder_.num_keys() == 0) return true;
        size_t width = encoder_.width();
        if (std::memcmp(&encoded_[a * width], &encoded_[b * width], width) != 0) return false;
        return !long_strings_ || encoder_.CompareRows(columns_, a, columns_, b) == 0;
    }
    size_t MemoryUsage() const { return encoded_.capacity(); }

private:
    SortKeyEncoder encoder_;
    std::vector<const Column*> columns_;
    std::vector<uint8_t> encoded_;
    bool long_strings_ = false;
};

// One aggregate state over a window frame that moves forward: rows are added while the frame only
// grows at its end; otherwise the state restarts from the frame's rows.
class FrameAggregate {
public:
    FrameAggregate(const functions::BoundAggregateFunction& function, std::vector<const Column*> arguments)
        : function_(function), arguments_(std::move(arguments)) {
        size_t alignment = std::max<size_t>(function.state_alignment, 8);
        buffer_.resize(function.state_size + alignment);
        void* start = buffer_.data();
        size_t space = buffer_.size();
        state_ = static_cast<uint8_t*>(std::align(alignment, function.state_size, start, space));
        result_ = Column::MakeFlat(function.return_type, 1);
        function_.initialize(state_);
    }
    ~FrameAggregate() {
        if (function_.destroy) function_.destroy(&state_, 1);
    }

    // The aggregate over rows [start, end).
    Value Compute(size_t start, size_t end) {
        if (start == start_ && end >= end_) {
            Add(end_, end);
        } else if (end == end_ && start <= start_) {
            Add(start, start_);
            start_ = start;
        } else {
            if (function_.destroy) function_.destroy(&state_, 1);
            function_.initialize(state_);
            Add(start, end);
            start_ = start;
        }
        end_ = end;
        result_->validity().SetValid(0);  // Finalize only marks NULLs, on a fresh column
        function_.finalize(&state_, 1, *result_);
        return result_->GetValue(0);
    }

private:
    void Add(size_t begin, size_t end) {
        if (end <= begin) return;
        selection_.Clear();
        for (size_t row = begin; row < end; ++row) selection_.Append(static_cast<uint32_t>(row));
        std::vector<ColumnPtr> slices;
        for (const Column* argument : arguments_) slices.push_back(argument->Flatten(&selection_));
        states_.assign(end - begin, state_);
        function_.update(states_.data(), slices, end - begin);
    }

    const functions::BoundAggregateFunction& function_;
    std::vector<const Column*> arguments_;
    std::vector<uint8_t> buffer_;
    uint8_t* state_ = nullptr;
    ColumnPtr result_;
    SelectionVector selection_;
    std::vector<uint8_t*> states_;
    size_t start_ = 0;
    size_t end_ = 0;
};

}  // namespace

class WindowState {
public:
    explicit WindowState(const planner::LogicalOperator& node)
        : input_width_(node.children[0]->types.size()),
          locals_([] { return std::make_unique<LocalWindow>(); }),
          output_(std::make_shared<OrderedOutput>()) {
        FL_CHECK(!node.windows.empty());
        const BoundWindow& first = node.windows[0];
        size_t column = input_width_;
        // Evaluated values ride along as payload after the input columns: partition keys, order
        // keys, then each window's arguments.
        for (const auto& key : first.partition_by) {
            extra_.push_back(key->Clone());
            partition_keys_.push_back({planner::MakeColumnRef(column++, key->type, ""), true, true});
        }
        for (const auto& key : first.order_by) {
            extra_.push_back(key.expression->Clone());
            order_keys_.push_back(
                {planner::MakeColumnRef(column++, key.expression->type, ""), key.ascending, key.nulls_first});
        }
        for (const auto& window : node.windows) {
            windows_.push_back(window.Clone());
            argument_columns_.push_back(column);
            for (const auto& argument : window.arguments) {
                extra_.push_back(argument->Clone());
                ++column;
            }
        }
        for (const auto& key : partition_keys_) sort_keys_.push_back({key.expression->Clone(), true, true});
        for (const auto& key : order_keys_)
            sort_keys_.push_back({key.expression->Clone(), key.ascending, key.nulls_first});
        encoder_ = std::make_unique<SortKeyEncoder>(sort_keys_);
    }

    void Consume(ExecContext& context, const Chunk& chunk) {
        if (chunk.empty()) return;
        std::vector<ColumnPtr> payload = chunk.columns();
        for (const auto& expression : extra_) payload.push_back(ExpressionEvaluator::Evaluate(*expression, chunk));
        std::vector<ColumnPtr> keys(payload.begin() + input_width_,
                                    payload.begin() + input_width_ + partition_keys_.size() + order_keys_.size());
        auto local = locals_.Acquire();
        local->memory.SetTracker(context.memory);
        local->run.Append(*encoder_, payload, keys, chunk.num_rows());
        local->memory.Update(local->run.MemoryUsage());
    }

    void Finish(ExecContext& context) {
        auto& locals = locals_.states();
        std::vector<Chunk> sorted;
        if (sort_keys_.empty()) {
            for (const auto& local : locals) {
                if (local->run.rows > 0) sorted.emplace_back(local->run.payload, local->run.rows);
            }
        } else {
            RunParallelTasks(context, locals.size(), [&](size_t i) { locals[i]->run.Sort(*encoder_); });
            std::vector<const SortedRun*> runs;
            for (const auto& local : locals) runs.push_back(&local->run);
            sorted = MergeRuns(runs, *encoder_, -1);
        }
        MemoryCharge memory(context.memory);
        // All rows as one flat column per payload column, so partitions and frames can span the
        // merge's chunks.
        std::vector<ColumnPtr> all;
        size_t rows = 0;
        for (const auto& chunk : sorted) rows += chunk.num_rows();
        if (!sorted.empty()) {
            for (size_t c = 0; c < sorted[0].num_columns(); ++c) {
                ColumnPtr column = Column::MakeFlat(sorted[0].column(c)->type(), 0);
                for (const auto& chunk : sorted) column->Append(*chunk.column(c));
                all.push_back(std::move(column));
            }
        }
        sorted.clear();
        locals.clear();
        if (rows == 0) return;
        size_t bytes = 0;
        for (const auto& column : all) bytes += column->MemoryUsage();
        memory.Update(bytes);

        std::vector<ColumnPtr> results = Compute(all, rows, memory, bytes);
        std::vector<ColumnPtr> columns(all.begin(), all.begin() + input_width_);
        columns.insert(columns.end(), results.begin(), results.end());
        Chunk whole(std::move(columns), rows);
        for (size_t offset = 0; offset < rows; offset += kChunkSize) {
            output_->chunks.push_back(whole.Slice(offset, std::min(kChunkSize, rows - offset)));
        }
    }

    std::shared_ptr<OrderedOutput> output() const { return output_; }

private:
    std::vector<ColumnPtr> Compute(const std::vector<ColumnPtr>& all, size_t rows, MemoryCharge& memory, size_t bytes) {
        auto views = [&](size_t begin, size_t count) {
            std::vector<const Column*> out;
            for (size_t c = begin; c < begin + count; ++c) out.push_back(all[c].get());
            return out;
        };
        KeyEquality partitions(partition_keys_, views(input_width_, partition_keys_.size()), rows);
        KeyEquality peers(order_keys_, views(input_width_ + partition_keys_.size(), order_keys_.size()), rows);
        // Partition and peer group boundaries: start_of[i] and end_of[i] (exclusive) per row.
        std::vector<uint32_t> partition_start(rows), partition_end(rows), peer_start(rows), peer_end(rows);
        for (size_t i = 0; i < rows; ++i) {
            bool new_partition = i == 0 || !partitions.Equal(i - 1, i);
            partition_start[i] = new_partition ? static_cast<uint32_t>(i) : partition_start[i - 1];
            peer_start[i] = new_partition || !peers.Equal(i - 1, i) ? static_cast<uint32_t>(i) : peer_start[i - 1];
        }
        for (size_t i = rows; i-- > 0;) {
            bool last = i + 1 == rows || partition_start[i + 1] != partition_start[i];
            partition_end[i] = last ? static_cast<uint32_t>(i + 1) : partition_end[i + 1];
            peer_end[i] = last || peer_start[i + 1] != peer_start[i] ? static_cast<uint32_t>(i + 1) : peer_end[i + 1];
        }
        memory.Update(bytes + partitions.MemoryUsage() + peers.MemoryUsage() + rows * 16);
        Bounds bounds{partition_start, partition_end, peer_start, peer_end};
        std::vector<ColumnPtr> results;
        for (size_t w = 0; w < windows_.size(); ++w) {
            results.push_back(
                ComputeWindow(windows_[w], views(argument_columns_[w], windows_[w].arguments.size()), bounds, rows));
            bytes += results.back()->MemoryUsage();
            memory.Update(bytes + partitions.MemoryUsage() + peers.MemoryUsage() + rows * 16);
        }
        return results;
    }

    struct Bounds {
        const std::vector<uint32_t>& partition_start;
        const std::vector<uint32_t>& partition_end;
        const std::vector<uint32_t>& peer_start;
        const std::vector<uint32_t>& peer_end;
    };

    // The frame of row i as rows [start, end) (empty when end <= start).
    static std::pair<size_t, size_t> Frame(const planner::BoundWindowFrame& frame, const Bounds& b, size_t i) {
        int64_t ps = b.partition_start[i], pe = b.partition_end[i], row = static_cast<int64_t>(i);
        bool rows = frame.unit == planner::WindowFrameUnit::kRows;
        auto position = [&](WindowBoundKind kind, int64_t offset, bool is_end) -> int64_t {
            switch (kind) {
                case WindowBoundKind::kUnboundedPreceding:
                    return ps;
                case WindowBoundKind::kPreceding:
                    return std::clamp(row - offset + (is_end ? 1 : 0), ps, pe);
                case WindowBoundKind::kCurrentRow:
                    if (rows) return row + (is_end ? 1 : 0);
                    return is_end ? b.peer_end[i] : b.peer_start[i];
                case WindowBoundKind::kFollowing:
                    return std::clamp(row + offset + (is_end ? 1 : 0), ps, pe);
                case WindowBoundKind::kUnboundedFollowing:
                    return pe;
            }
            return ps;
        };
        int64_t start = position(frame.start, frame.start_offset, false);
        int64_t end = position(frame.end, frame.end_offset, true);
        return {static_cast<size_t>(start), static_cast<size_t>(std::max(start, end))};
    }

    ColumnPtr ComputeWindow(const BoundWindow& window, const std::vector<const Column*>& arguments, const Bounds& b,
                            size_t rows) {
        ColumnPtr out = Column::MakeFlat(window.type, rows);
        const std::string& name = window.name;
        if (name == "row_number" || name == "rank" || name == "dense_rank" || name == "ntile") {
            int64_t* data = out->MutableData<int64_t>();
            int64_t dense = 0;
            for (size_t i = 0; i < rows; ++i) {
                size_t ps = b.partition_start[i];
                if (i == ps) dense = 0;
                if (i == b.peer_start[i]) ++dense;
                if (name == "row_number") {
                    data[i] = static_cast<int64_t>(i - ps + 1);
                } else if (name == "rank") {
                    data[i] = static_cast<int64_t>(b.peer_start[i] - ps + 1);
                } else if (name == "dense_rank") {
                    data[i] = dense;
                } else {
                    // NTILE: the first (size % n) buckets hold one row more than the others.
                    int64_t size = b.partition_end[i] - ps, k = static_cast<int64_t>(i - ps);
                    int64_t q = size / window.offset, r = size % window.offset;
                    data[i] = k < r * (q + 1) ? k / (q + 1) + 1 : (k - r * (q + 1)) / q + r + 1;
                }
            }
            return out;
        }
        if (name == "lag" || name == "lead") {
            int64_t step = name == "lag" ? -window.offset : window.offset;
            for (size_t i = 0; i < rows; ++i) {
                int64_t j = static_cast<int64_t>(i) + step;
                bool inside = j >= b.partition_start[i] && j < b.partition_end[i];
                out->SetValue(i, inside ? arguments[0]->GetValue(static_cast<size_t>(j)) : arguments[1]->GetValue(i));
            }
            return out;
        }
        if (name == "first_value" || name == "last_value") {
            bool first = name == "first_value";
            for (size_t i = 0; i < rows; ++i) {
                auto [start, end] = Frame(window.frame, b, i);
                if (end <= start) {
                    out->SetNull(i);
                } else {
                    out->SetValue(i, arguments[0]->GetValue(first ? start : end - 1));
                }
            }
            return out;
        }
        FL_CHECK(window.has_aggregate);
        FrameAggregate aggregate(window.aggregate, arguments);
        std::pair<size_t, size_t> previous{1, 0};
        Value value;
        // A frame that always reaches the partition's end grows as rows go backwards, so walk
        // those from the last row: each row then adds rows to the state instead of restarting it.
        bool backwards = window.frame.end == WindowBoundKind::kUnboundedFollowing &&
                         window.frame.start != WindowBoundKind::kUnboundedPreceding;
        for (size_t step = 0; step < rows; ++step) {
            size_t i = backwards ? rows - 1 - step : step;
            auto frame = Frame(window.frame, b, i);
            // Rows sharing a frame (peers, a whole partition) share the value.
            if (frame != previous) value = aggregate.Compute(frame.first, frame.second);
            previous = frame;
            out->SetValue(i, value);
        }
        return out;
    }

    size_t input_width_;
    std::vector<planner::BoundExprPtr> extra_;
    std::vector<planner::BoundOrderBy> partition_keys_;  // over the payload
    std::vector<planner::BoundOrderBy> order_keys_;      // over the payload
    std::vector<planner::BoundOrderBy> sort_keys_;       // partition keys, then order keys
    std::vector<BoundWindow> windows_;
    std::vector<size_t> argument_columns_;  // payload column of each window's first argument
    std::unique_ptr<SortKeyEncoder> encoder_;
    LocalStatePool<LocalWindow> locals_;
    std::shared_ptr<OrderedOutput> output_;
};

WindowSink::WindowSink(const planner::LogicalOperator& node) : state_(std::make_unique<WindowState>(node)) {}

WindowSink::~WindowSink() = default;

void WindowSink::Consume(ExecContext& context, Chunk chunk, ChunkOrder order) {
    state_->Consume(context, chunk);
}

void WindowSink::Finish(ExecContext& context) {
    state_->Finish(context);
}

std::unique_ptr<SourceOperator> WindowSink::MakeSource() {
    return std::make_unique<OrderedOutputSource>(state_->output());
}

}  // namespace flashlake::exec

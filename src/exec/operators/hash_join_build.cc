#include "exec/operators/hash_join_build.h"

#include <bit>

#include "common/query_error.h"
#include "exec/expression/expression_evaluator.h"
#include "exec/operators/column_gather.h"
#include "exec/operators/key_hashing.h"
#include "exec/pipeline/parallel_tasks.h"

namespace flashlake::exec {

JoinHashTable::JoinHashTable(std::vector<LogicalType> right_types, std::vector<planner::BoundExprPtr> keys)
    : right_types_(std::move(right_types)),
      keys_(std::move(keys)),
      locals_([] { return std::make_unique<LocalBuild>(); }) {}

void JoinHashTable::Consume(ExecContext& context, const Chunk& chunk) {
    if (chunk.empty()) return;
    std::vector<ColumnPtr> keys;
    for (const auto& key : keys_) keys.push_back(FlatKeyColumn(ExpressionEvaluator::Evaluate(*key, chunk)));
    auto local = locals_.Acquire();
    local->memory.SetTracker(context.memory);
    local->bytes += chunk.MemoryUsage();
    for (const auto& key : keys) local->bytes += key->MemoryUsage();
    local->chunks.push_back(chunk);
    local->keys.push_back(std::move(keys));
    local->memory.Update(local->bytes);
}

void JoinHashTable::Finish(ExecContext& context) {
    memory_.SetTracker(context.memory);
    auto& locals = locals_.states();
    for (const auto& local : locals) {
        for (const auto& chunk : local->chunks) num_rows_ += chunk.num_rows();
    }
    if (num_rows_ >= kEnd)
        ThrowQueryError(ErrorCode::kNotSupported, "join build side of ", num_rows_, " rows is too large");
    // Concatenate the build rows into flat columns, dropping the chunks as they are copied.
    for (const auto& type : right_types_) columns_.push_back(Column::MakeFlat(type, 0));
    for (const auto& key : keys_) key_columns_.push_back(Column::MakeFlat(key->type, 0));
    for (auto& local : locals) {
        for (size_t i = 0; i < local->chunks.size(); ++i) {
            const Chunk& chunk = local->chunks[i];
            for (size_t c = 0; c < columns_.size(); ++c) AppendRows(*columns_[c], *chunk.column(c), chunk.num_rows());
            for (size_t k = 0; k < key_columns_.size(); ++k) {
                AppendRows(*key_columns_[k], *local->keys[i][k], chunk.num_rows());
            }
            local->chunks[i] = Chunk();
            local->keys[i].clear();
        }
    }
    locals.clear();
    for (const auto& column : key_columns_) key_views_.push_back(column.get());
    size_t bytes = 0;
    for (const auto& column : columns_) bytes += column->MemoryUsage();
    for (const auto& column : key_columns_) bytes += column->MemoryUsage();
    if (track_matches_) matched_.Reset(num_rows_);
    if (keys_.empty()) {
        memory_.Update(bytes + num_rows_);
        return;
    }

    const size_t num_buckets = std::bit_ceil(std::max<size_t>(num_rows_ * 2, 16));
    mask_ = num_buckets - 1;
    hashes_.Reset(num_rows_);
    buckets_.Reset(num_buckets);
    next_.Reset(num_rows_);
    memory_.Update(bytes + num_rows_ * (sizeof(uint64_t) + sizeof(uint32_t) + 1) + num_buckets * sizeof(uint32_t));
    HashKeyColumns(key_views_, num_rows_, hashes_.data());
    for (const Column* key : key_views_) {
        if (key->validity().AllValid()) continue;
        for (uint32_t r = 0; r < num_rows_; ++r) {
            if (!key->validity().IsValid(r)) null_key_rows_.push_back(r);
        }
    }
    std::sort(null_key_rows_.begin(), null_key_rows_.end());
    null_key_rows_.erase(std::unique(null_key_rows_.begin(), null_key_rows_.end()), null_key_rows_.end());

    // Link rows into their buckets, in parallel ranges; a CAS per row on the bucket head.
    constexpr size_t kRange = 64 * 1024;
    const size_t ranges = (num_rows_ + kRange - 1) / kRange;
    RunParallelTasks(context, ranges, [&](size_t range) {
        size_t begin = range * kRange, end = std::min(num_rows_, begin + kRange);
        size_t null_cursor =
            std::lower_bound(null_key_rows_.begin(), null_key_rows_.end(), begin) - null_key_rows_.begin();
        for (size_t r = begin; r < end; ++r) {
            if (null_cursor < null_key_rows_.size() && null_key_rows_[null_cursor] == r) {
                ++null_cursor;
                continue;
            }
            std::atomic_ref<uint32_t> head(buckets_[hashes_[r] & mask_]);
            uint32_t first = head.load(std::memory_order_relaxed);
            do {
                next_[r] = first;
            } while (!head.compare_exchange_weak(first, static_cast<uint32_t>(r + 1), std::memory_order_relaxed));
        }
    });
}

}  // namespace flashlake::exec

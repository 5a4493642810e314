// Phase 2 of the hash aggregation (HashAggregateState::Finish): merging the drivers' partial
// tables partition by partition, and the DISTINCT pre-aggregation. See hash_aggregate.h.

#include "exec/operators/hash_aggregate_state.h"
#include "exec/operators/key_hashing.h"
#include "exec/pipeline/parallel_tasks.h"

namespace flashlake::exec {

namespace {

std::vector<const Column*> Pointers(const std::vector<ColumnPtr>& columns) {
    std::vector<const Column*> pointers;
    for (const auto& column : columns) pointers.push_back(column.get());
    return pointers;
}

}  // namespace

void HashAggregateState::Finish(ExecContext& context) {
    partition_memory_ = std::vector<MemoryCharge>(kNumPartitions);
    distinct_memory_ = std::vector<MemoryCharge>(kNumPartitions);
    for (auto& charge : partition_memory_) charge.SetTracker(context.memory);
    for (auto& charge : distinct_memory_) charge.SetTracker(context.memory);
    if (grouped())
        FinishGrouped(context);
    else
        FinishGlobal(context);
}

void HashAggregateState::CombineStates(const std::vector<size_t>& aggregates, uint8_t** targets, uint8_t** sources,
                                       size_t count) {
    if (count == 0) return;
    std::vector<uint8_t*> target_states(count), source_states(count);
    for (size_t a : aggregates) {
        const size_t offset = layout_->state_offset(a);
        for (size_t i = 0; i < count; ++i) {
            target_states[i] = targets[i] + offset;
            source_states[i] = sources[i] + offset;
        }
        aggregates_[a].function.combine(target_states.data(), source_states.data(), count);
    }
}

std::unique_ptr<AggregateHashTable> HashAggregateState::MergePartition(size_t p, MemoryCharge& memory) {
    auto merged = std::make_unique<AggregateHashTable>(*layout_);
    std::vector<ColumnPtr> key_columns;
    std::vector<uint8_t*> rows(kChunkSize), targets, sources;
    std::vector<uint8_t> is_new(kChunkSize);
    for (auto& local : locals_.states()) {
        const auto& partition = local->table->partition(p);
        for (size_t begin = 0; begin < partition.size(); begin += kChunkSize) {
            size_t count = std::min(kChunkSize, partition.size() - begin);
            uint8_t* const* batch = partition.data() + begin;
            layout_->GatherKeys(batch, count, 0, groups_.size(), key_columns, /*copy_strings=*/false);
            merged->FindOrAdopt(Pointers(key_columns), batch, count, rows.data(), is_new.data());
            if (!distinct_sets_.empty()) {
                for (size_t i = 0; i < count; ++i) RowLayout::SetForward(batch[i], rows[i]);
            }
            targets.clear();
            sources.clear();
            for (size_t i = 0; i < count; ++i) {
                if (is_new[i]) continue;
                targets.push_back(rows[i]);
                sources.push_back(batch[i]);
            }
            CombineStates(plain_aggregates_, targets.data(), sources.data(), targets.size());
            memory.Update(merged->MemoryUsage());
        }
    }
    return merged;
}

void HashAggregateState::FeedDistinct(const DistinctSet& set, uint8_t* const* entries, size_t count,
                                      uint8_t* single_row) {
    const size_t first_argument = grouped() ? 1 : 0;
    std::vector<ColumnPtr> arguments, group_rows;
    set.layout->GatherKeys(entries, count, first_argument, set.arguments.size(), arguments, /*copy_strings=*/false);
    std::vector<uint8_t*> groups(count, single_row), states(count);
    if (grouped()) {
        set.layout->GatherKeys(entries, count, 0, 1, group_rows, false);
        const int64_t* pointers = group_rows[0]->Data<int64_t>();
        for (size_t i = 0; i < count; ++i) groups[i] = RowLayout::Forward(reinterpret_cast<uint8_t*>(pointers[i]));
    }
    for (size_t a : set.aggregates) {
        const size_t offset = layout_->state_offset(a);
        for (size_t i = 0; i < count; ++i) states[i] = groups[i] + offset;
        aggregates_[a].function.update(states.data(), arguments, count);
    }
}

void HashAggregateState::AggregateDistinct(size_t p, const DistinctSet& set, uint8_t* single_row,
                                           MemoryCharge& memory) {
    const size_t d = static_cast<size_t>(&set - distinct_sets_.data());
    auto& locals = locals_.states();
    auto feed_all = [&](const AggregateHashTable& table, size_t partition) {
        const auto& entries = table.partition(partition);
        for (size_t begin = 0; begin < entries.size(); begin += kChunkSize) {
            FeedDistinct(set, entries.data() + begin, std::min(kChunkSize, entries.size() - begin), single_row);
        }
    };
    // One driver's entries are unique already.
    if (locals.size() == 1) {
        feed_all(*locals[0]->distinct_tables[d], p);
        return;
    }
    // Entries of several drivers: re-key them by the merged group and remove duplicates.
    AggregateHashTable unique(*set.layout);
    std::vector<ColumnPtr> columns;
    std::vector<uint64_t> hashes(kChunkSize);
    std::vector<uint8_t*> rows(kChunkSize);
    for (auto& local : locals) {
        const auto& entries = local->distinct_tables[d]->partition(p);
        for (size_t begin = 0; begin < entries.size(); begin += kChunkSize) {
            size_t count = std::min(kChunkSize, entries.size() - begin);
            set.layout->GatherKeys(entries.data() + begin, count, 0, set.layout->num_keys(), columns, false);
            if (grouped()) {
                int64_t* pointers = columns[0]->MutableData<int64_t>();
                for (size_t i = 0; i < count; ++i) {
                    pointers[i] =
                        reinterpret_cast<int64_t>(RowLayout::Forward(reinterpret_cast<uint8_t*>(pointers[i])));
                }
            }
            std::vector<const Column*> keys = Pointers(columns);
            HashKeyColumns(keys, count, hashes.data());
            unique.FindOrCreate(keys, hashes.data(), count, rows.data());
            memory.Update(unique.MemoryUsage());
        }
    }
    for (size_t q = 0; q < kNumPartitions; ++q) feed_all(unique, q);
    memory.Update(0);
}

void HashAggregateState::FinishGrouped(ExecContext& context) {
    auto& locals = locals_.states();
    output_rows_.assign(kNumPartitions, {});
    merged_.resize(kNumPartitions);
    // One driver's table needs no merge unless DISTINCT entries must find their groups by key.
    const bool merge = locals.size() > 1 || !distinct_sets_.empty();
    RunParallelTasks(context, kNumPartitions, [&](size_t p) {
        if (locals.empty()) return;
        if (!merge) {
            output_rows_[p] = locals[0]->table->partition(p);
            return;
        }
        MemoryCharge& memory = partition_memory_[p];
        merged_[p] = MergePartition(p, memory);
        for (const auto& set : distinct_sets_) AggregateDistinct(p, set, nullptr, distinct_memory_[p]);
        output_rows_[p] = merged_[p]->partition(p);
    });
}

void HashAggregateState::FinishGlobal(ExecContext& context) {
    auto& locals = locals_.states();
    uint8_t* target;
    if (locals.empty()) {
        owned_tables_.push_back(std::make_unique<AggregateHashTable>(*layout_));
        target = owned_tables_.back()->SingleRow();
    } else {
        target = locals[0]->table->SingleRow();
        for (size_t i = 1; i < locals.size(); ++i) {
            uint8_t* source = locals[i]->table->SingleRow();
            CombineStates(plain_aggregates_, &target, &source, 1);
        }
    }
    if (!distinct_sets_.empty() && !locals.empty()) {
        // Each partition of the DISTINCT sets aggregates into a partial row of its own; the
        // partial rows are combined into the one group afterwards.
        std::vector<uint8_t*> partials(kNumPartitions);
        for (auto& partial : partials) {
            owned_tables_.push_back(std::make_unique<AggregateHashTable>(*layout_));
            partial = owned_tables_.back()->SingleRow();
        }
        RunParallelTasks(context, kNumPartitions, [&](size_t p) {
            for (const auto& set : distinct_sets_) AggregateDistinct(p, set, partials[p], distinct_memory_[p]);
        });
        for (uint8_t* source : partials) {
            for (const auto& set : distinct_sets_) CombineStates(set.aggregates, &target, &source, 1);
        }
    }
    output_rows_.assign(1, {target});
}

}  // namespace flashlake::exec

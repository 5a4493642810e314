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
    for (auto& charge : partition_memory_) charge.SetTracker(context.memory);
    if (grouped()) FinishGrouped(context);
    else FinishGlobal(context);
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

void HashAggregateState::AggregateDistinct(size_t p, const DistinctSet& set, AggregateHashTable* groups_table,
                                           uint8_t* single_row, MemoryCharge& memory) {
    const size_t d = static_cast<size_t>(&set - distinct_sets_.data());
    const size_t num_groups = groups_.size(), num_arguments = set.arguments.size();
    // Phase A: one entry per distinct (group, arguments) across all drivers.
    AggregateHashTable unique(*set.layout);
    std::vector<ColumnPtr> columns;
    std::vector<uint8_t*> rows(kChunkSize);
    std::vector<uint8_t> is_new(kChunkSize);
    for (auto& local : locals_.states()) {
        const auto& partition = local->distinct_tables[d]->partition(p);
        for (size_t begin = 0; begin < partition.size(); begin += kChunkSize) {
            size_t count = std::min(kChunkSize, partition.size() - begin);
            uint8_t* const* batch = partition.data() + begin;
            set.layout->GatherKeys(batch, count, 0, num_groups + num_arguments, columns, /*copy_strings=*/false);
            unique.FindOrAdopt(Pointers(columns), batch, count, rows.data(), is_new.data());
            memory.Update(unique.MemoryUsage() + (groups_table ? groups_table->MemoryUsage() : 0));
        }
    }
    // Phase B: feed each entry into its group's aggregates, a batch at a time.
    const auto& entries = unique.partition(p);
    std::vector<ColumnPtr> group_columns, argument_columns;
    std::vector<uint64_t> hashes(kChunkSize);
    std::vector<uint8_t*> states(kChunkSize);
    for (size_t begin = 0; begin < entries.size(); begin += kChunkSize) {
        size_t count = std::min(kChunkSize, entries.size() - begin);
        uint8_t* const* batch = entries.data() + begin;
        set.layout->GatherKeys(batch, count, num_groups, num_arguments, argument_columns, /*copy_strings=*/false);
        if (groups_table != nullptr) {
            set.layout->GatherKeys(batch, count, 0, num_groups, group_columns, /*copy_strings=*/false);
            std::vector<const Column*> keys = Pointers(group_columns);
            HashKeyColumns(keys, count, hashes.data());
            groups_table->FindOrCreate(keys, hashes.data(), count, rows.data(), is_new.data());
            for (size_t i = 0; i < count; ++i) FL_CHECK(!is_new[i], "DISTINCT entry without its group");
        } else {
            std::fill(rows.begin(), rows.begin() + count, single_row);
        }
        for (size_t a : set.aggregates) {
            const size_t offset = layout_->state_offset(a);
            for (size_t i = 0; i < count; ++i) states[i] = rows[i] + offset;
            aggregates_[a].function.update(states.data(), argument_columns, count);
        }
    }
    memory.Update(groups_table ? groups_table->MemoryUsage() : 0);
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
        merged_[p] = MergePartition(p, partition_memory_[p]);
        for (const auto& set : distinct_sets_) {
            AggregateDistinct(p, set, merged_[p].get(), nullptr, partition_memory_[p]);
        }
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
            for (const auto& set : distinct_sets_) AggregateDistinct(p, set, nullptr, partials[p], partition_memory_[p]);
        });
        for (uint8_t* source : partials) {
            for (const auto& set : distinct_sets_) CombineStates(set.aggregates, &target, &source, 1);
        }
    }
    output_rows_.assign(1, {target});
}

}  // namespace flashlake::exec

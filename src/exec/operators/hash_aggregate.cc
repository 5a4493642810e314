#include "exec/operators/hash_aggregate.h"

#include <atomic>

#include "exec/expression/expression_evaluator.h"
#include "exec/operators/column_gather.h"
#include "exec/operators/hash_aggregate_state.h"
#include "exec/operators/key_hashing.h"

namespace flashlake::exec {

namespace {

// Aggregate arguments may be flat or constant; dictionary columns are expanded.
ColumnPtr ArgumentColumn(const planner::BoundExpression& expression, const Chunk& chunk) {
    ColumnPtr column = ExpressionEvaluator::Evaluate(expression, chunk);
    if (column->encoding() == ColumnEncoding::kDictionary) return column->Flatten();
    return column;
}

// For an aggregate whose result does not depend on how often a value occurs (MIN, MAX,
// ANY_VALUE) over a dictionary column without GROUP BY: the dictionary entries the chunk uses,
// each once (a few comparisons instead of one per row). Null when that does not apply.
ColumnPtr DistinctDictionaryValues(const planner::BoundAggregate& aggregate, const ColumnPtr& column) {
    const std::string& name = aggregate.function.name;
    if (column->encoding() != ColumnEncoding::kDictionary || aggregate.arguments.size() != 1 ||
        (name != "min" && name != "max" && name != "any_value")) {
        return nullptr;
    }
    const Column& dictionary = column->dictionary();
    if (dictionary.size() > column->size()) return nullptr;  // not worth it
    std::vector<uint8_t> used(dictionary.size(), 0);
    const int32_t* codes = column->codes();
    for (size_t r = 0; r < column->size(); ++r) used[codes[r]] = 1;
    SelectionVector entries;
    for (uint32_t code = 0; code < used.size(); ++code) {
        if (used[code]) entries.Append(code);
    }
    return dictionary.Flatten(&entries);
}

// Hash bits that choose the partition (see PartitionOfHash).
constexpr uint64_t kPartitionHashMask = uint64_t{kNumPartitions - 1} << 40;

}  // namespace

HashAggregateState::HashAggregateState(const std::vector<planner::BoundExprPtr>& groups,
                                       const std::vector<planner::BoundAggregate>& aggregates)
    : locals_([this] {
          auto local = std::make_unique<LocalAggregation>();
          local->table = std::make_unique<AggregateHashTable>(*layout_);
          for (const auto& set : distinct_sets_) {
              local->distinct_tables.push_back(std::make_unique<AggregateHashTable>(*set.layout));
          }
          return local;
      }) {
    for (const auto& group : groups) groups_.push_back(group->Clone());
    for (const auto& aggregate : aggregates) aggregates_.push_back(aggregate.Clone());
    std::vector<LogicalType> group_types;
    for (const auto& group : groups_) group_types.push_back(group->type);
    for (size_t a = 0; a < aggregates_.size(); ++a) {
        const auto& aggregate = aggregates_[a];
        if (!aggregate.distinct || aggregate.arguments.empty()) {
            plain_aggregates_.push_back(a);
            continue;
        }
        // Aggregates over the same argument list (as EXPLAIN prints it) share one set.
        std::string signature;
        for (const auto& argument : aggregate.arguments) signature += argument->ToString() + "\x1f";
        DistinctSet* target = nullptr;
        for (auto& set : distinct_sets_) {
            std::string existing;
            for (const auto* argument : set.arguments) existing += argument->ToString() + "\x1f";
            if (existing == signature) target = &set;
        }
        if (target == nullptr) {
            DistinctSet set;
            std::vector<LogicalType> key_types;
            if (!groups_.empty()) key_types.push_back(LogicalType::BigInt());
            for (const auto& argument : aggregate.arguments) {
                set.arguments.push_back(argument.get());
                key_types.push_back(argument->type);
            }
            set.layout =
                std::make_unique<RowLayout>(key_types, std::vector<const functions::BoundAggregateFunction*>{});
            distinct_sets_.push_back(std::move(set));
            target = &distinct_sets_.back();
        }
        target->aggregates.push_back(a);
    }
    std::vector<const functions::BoundAggregateFunction*> functions;
    for (const auto& aggregate : aggregates_) functions.push_back(&aggregate.function);
    layout_ = std::make_unique<RowLayout>(group_types, functions, /*with_forward=*/!distinct_sets_.empty());
}

HashAggregateState::~HashAggregateState() {
    for (auto& local : locals_.states()) DestroyStates(*local->table);
    for (auto& table : owned_tables_) DestroyStates(*table);
}

void HashAggregateState::DestroyStates(const AggregateHashTable& table) {
    std::vector<uint8_t*> states;
    for (size_t a = 0; a < aggregates_.size(); ++a) {
        const auto& destroy = aggregates_[a].function.destroy;
        if (!destroy) continue;
        size_t offset = layout_->state_offset(a);
        for (size_t p = 0; p < kNumPartitions; ++p) {
            const auto& rows = table.partition(p);
            states.resize(rows.size());
            for (size_t i = 0; i < rows.size(); ++i) states[i] = rows[i] + offset;
            destroy(states.data(), states.size());
        }
    }
}

void HashAggregateState::Consume(ExecContext& context, const Chunk& chunk) {
    const size_t num_rows = chunk.num_rows();
    if (num_rows == 0) return;
    auto local = locals_.Acquire();
    local->memory.SetTracker(context.memory);

    std::vector<ColumnPtr> key_columns;
    std::vector<const Column*> keys;
    for (const auto& group : groups_) {
        key_columns.push_back(ExpressionEvaluator::Evaluate(*group, chunk));
        if (groups_.size() == 1 && IsSmallDictionary(*key_columns[0], num_rows)) break;
        key_columns.back() = FlatKeyColumn(key_columns.back());
        keys.push_back(key_columns.back().get());
    }
    local->rows.resize(num_rows);
    local->states.resize(num_rows);
    local->hashes.resize(num_rows);
    if (grouped() && keys.empty()) {
        FindGroupsOfDictionary(*local, *key_columns[0], num_rows);
    } else if (grouped()) {
        HashKeyColumns(keys, num_rows, local->hashes.data());
        local->table->FindOrCreate(keys, local->hashes.data(), num_rows, local->rows.data());
    } else {
        std::fill(local->rows.begin(), local->rows.end(), local->table->SingleRow());
    }

    std::vector<ColumnPtr> arguments;
    for (size_t a : plain_aggregates_) {
        const auto& aggregate = aggregates_[a];
        arguments.clear();
        const size_t offset = layout_->state_offset(a);
        if (!grouped() && aggregate.arguments.size() == 1) {
            ColumnPtr values = ExpressionEvaluator::Evaluate(*aggregate.arguments[0], chunk);
            if (ColumnPtr distinct = DistinctDictionaryValues(aggregate, values)) {
                const size_t count = distinct->size();
                for (size_t i = 0; i < count; ++i) local->states[i] = local->rows[0] + offset;
                arguments.push_back(std::move(distinct));
                aggregate.function.update(local->states.data(), arguments, count);
                continue;
            }
            arguments.push_back(values->encoding() == ColumnEncoding::kDictionary ? values->Flatten() : values);
        } else {
            for (const auto& argument : aggregate.arguments) arguments.push_back(ArgumentColumn(*argument, chunk));
        }
        for (size_t i = 0; i < num_rows; ++i) local->states[i] = local->rows[i] + offset;
        aggregate.function.update(local->states.data(), arguments, num_rows);
    }

    size_t memory = local->table->MemoryUsage();
    for (size_t d = 0; d < distinct_sets_.size(); ++d) {
        const DistinctSet& set = distinct_sets_[d];
        std::vector<ColumnPtr> set_columns;
        if (grouped()) {
            ColumnPtr group_rows = Column::MakeFlat(LogicalType::BigInt(), num_rows);
            int64_t* data = group_rows->MutableData<int64_t>();
            for (size_t i = 0; i < num_rows; ++i) data[i] = reinterpret_cast<int64_t>(local->rows[i]);
            set_columns.push_back(std::move(group_rows));
        }
        for (const auto* argument : set.arguments) {
            set_columns.push_back(FlatKeyColumn(ExpressionEvaluator::Evaluate(*argument, chunk)));
        }
        std::vector<const Column*> set_keys;
        for (const auto& column : set_columns) set_keys.push_back(column.get());
        local->distinct_hashes.resize(num_rows);
        uint64_t* hashes = local->distinct_hashes.data();
        if (grouped()) {
            // The group's hash combined with the arguments', keeping the group's partition, so
            // that merging partition p of the entries only touches groups in partition p.
            std::copy(local->hashes.begin(), local->hashes.begin() + num_rows, hashes);
            for (size_t k = 1; k < set_keys.size(); ++k) CombineKeyHashes(*set_keys[k], num_rows, hashes);
            for (size_t i = 0; i < num_rows; ++i) {
                hashes[i] = (hashes[i] & ~kPartitionHashMask) | (local->hashes[i] & kPartitionHashMask);
            }
        } else {
            HashKeyColumns(set_keys, num_rows, hashes);
        }
        local->distinct_rows.resize(num_rows);
        local->distinct_tables[d]->FindOrCreate(set_keys, hashes, num_rows, local->distinct_rows.data());
        memory += local->distinct_tables[d]->MemoryUsage();
    }
    local->memory.Update(memory);
}

bool HashAggregateState::IsSmallDictionary(const Column& column, size_t num_rows) {
    return column.encoding() == ColumnEncoding::kDictionary && column.dictionary().size() <= num_rows;
}

// A dictionary-encoded key (a Parquet dictionary page, kept encoded by the scan): the groups of the
// dictionary entries this chunk uses are looked up once each, and rows map through their codes.
// Unused entries are skipped, so that they do not become groups.
void HashAggregateState::FindGroupsOfDictionary(LocalAggregation& local, const Column& column, size_t num_rows) {
    const Column& dictionary = column.dictionary();
    const int32_t* codes = column.codes();
    std::vector<int32_t> slot_of(dictionary.size(), -1);
    std::vector<uint32_t> used;
    for (size_t i = 0; i < num_rows; ++i) {
        int32_t& slot = slot_of[codes[i]];
        if (slot < 0) {
            slot = static_cast<int32_t>(used.size());
            used.push_back(static_cast<uint32_t>(codes[i]));
        }
    }
    ColumnPtr entries = GatherRows(dictionary, used.data(), used.size());
    std::vector<const Column*> keys{entries.get()};
    std::vector<uint64_t> hashes(used.size());
    std::vector<uint8_t*> rows(used.size());
    HashKeyColumns(keys, used.size(), hashes.data());
    local.table->FindOrCreate(keys, hashes.data(), used.size(), rows.data());
    for (size_t i = 0; i < num_rows; ++i) {
        int32_t slot = slot_of[codes[i]];
        local.rows[i] = rows[slot];
        local.hashes[i] = hashes[slot];
    }
}

Chunk HashAggregateState::OutputChunk(const std::vector<uint8_t*>& rows, size_t begin, size_t end) const {
    const size_t count = end - begin;
    uint8_t* const* batch = rows.data() + begin;
    std::vector<ColumnPtr> columns;
    layout_->GatherKeys(batch, count, 0, groups_.size(), columns, /*copy_strings=*/true);
    std::vector<uint8_t*> states(count);
    for (size_t a = 0; a < aggregates_.size(); ++a) {
        const auto& function = aggregates_[a].function;
        const size_t offset = layout_->state_offset(a);
        for (size_t i = 0; i < count; ++i) states[i] = batch[i] + offset;
        ColumnPtr result = Column::MakeFlat(function.return_type, count);
        function.finalize(states.data(), count, *result);
        columns.push_back(std::move(result));
    }
    return Chunk(std::move(columns), count);
}

namespace {

// Finalizes one partition's groups, a chunk at a time.
class AggregateOutputMorsel : public Morsel {
public:
    AggregateOutputMorsel(std::shared_ptr<HashAggregateState> state, size_t partition)
        : state_(std::move(state)), rows_(state_->output_rows()[partition]) {}
    bool Next(ExecContext& context, Chunk& chunk) override {
        if (next_ >= rows_.size()) return false;
        size_t end = std::min(rows_.size(), next_ + kChunkSize);
        chunk = state_->OutputChunk(rows_, next_, end);
        next_ = end;
        return true;
    }

private:
    std::shared_ptr<HashAggregateState> state_;
    const std::vector<uint8_t*>& rows_;
    size_t next_ = 0;
};

// One morsel per non-empty output partition.
class AggregateSource : public SourceOperator {
public:
    explicit AggregateSource(std::shared_ptr<HashAggregateState> state) : state_(std::move(state)) {}
    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override {
        const auto& partitions = state_->output_rows();
        while (true) {
            size_t p = next_.fetch_add(1);
            if (p >= partitions.size()) return nullptr;
            if (partitions[p].empty()) continue;
            morsel_index = p;
            return std::make_unique<AggregateOutputMorsel>(state_, p);
        }
    }

private:
    std::shared_ptr<HashAggregateState> state_;
    std::atomic<size_t> next_{0};
};

}  // namespace

HashAggregateSink::HashAggregateSink(const std::vector<planner::BoundExprPtr>& groups,
                                     const std::vector<planner::BoundAggregate>& aggregates)
    : state_(std::make_shared<HashAggregateState>(groups, aggregates)) {}

HashAggregateSink::~HashAggregateSink() = default;

void HashAggregateSink::Consume(ExecContext& context, Chunk chunk, ChunkOrder order) {
    state_->Consume(context, chunk);
}

void HashAggregateSink::Finish(ExecContext& context) {
    state_->Finish(context);
}

std::unique_ptr<SourceOperator> HashAggregateSink::MakeSource() {
    return std::make_unique<AggregateSource>(state_);
}

}  // namespace flashlake::exec

#include "lake/write/write_buffer_merger.h"

#include <algorithm>

#include "lake/lsm/field_aggregator.h"
#include "lake/lsm/key_value_chunk.h"
#include "lake/lsm/merge_batch.h"
#include "lake/lsm/merge_function.h"
#include "lake/lsm/normalized_keys.h"
#include "lake/write/key_value_buffer.h"
#include "lake/write/merged_rows.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

namespace {

// A run over the buffer's own columns.
SortedRun BufferRun(const KeyValueBuffer& buffer) {
    SortedRun run;
    run.columns = buffer.columns();
    return run;
}

void TakeBufferRow(const KeyValueBuffer& buffer, uint32_t row, SortedRun* run) {
    run->rows.push_back(row);
    run->sequence.push_back(buffer.sequence()[row]);
    run->kinds.push_back(buffer.kinds()[row]);
}

}  // namespace

WriteBufferMerger::~WriteBufferMerger() = default;

Result<std::unique_ptr<WriteBufferMerger>> WriteBufferMerger::Make(const WriteContext* context,
                                                                   const lsm::FieldAggregatorRegistry* aggregators) {
    std::unique_ptr<WriteBufferMerger> merger(new WriteBufferMerger());
    merger->context_ = context;
    const TableSchema& schema = context->schema;
    Result<lsm::MergeOptions> options = lsm::MergeOptions::FromSchema(schema);
    if (!options.ok()) {
        merger->mode_ = Mode::kLayers;
        return merger;
    }
    merger->options_ = std::move(options).value();
    const lsm::MergeOptions& merge = merger->options_;
    if (merge.sequence_fields.empty() && merge.engine == lsm::MergeEngine::kDeduplicate) {
        merger->mode_ = Mode::kNewest;
        return merger;
    }
    if (merge.sequence_fields.empty() && merge.engine == lsm::MergeEngine::kFirstRow) {
        merger->mode_ = Mode::kFirstInsert;
        return merger;
    }
    merger->mode_ = Mode::kLayers;
    for (const std::string& name : merge.sequence_fields) {
        int index = schema.FieldIndex(name);
        if (index < 0) return merger;
        merger->sequence_field_columns_.push_back(index);
    }
    lsm::MergeLayout layout;
    layout.columns = schema.fields;
    for (const DataField& field : schema.fields) {
        layout.is_key.push_back(std::find(schema.primary_keys.begin(), schema.primary_keys.end(), field.name) !=
                                schema.primary_keys.end());
    }
    for (size_t i = 0; i < layout.columns.size(); ++i) layout.outputs.push_back(static_cast<int>(i));
    lsm::FieldAggregatorRegistry builtins = lsm::FieldAggregatorRegistry::WithBuiltins();
    Result<std::unique_ptr<lsm::MergeFunction>> function =
        lsm::MakeMergeFunction(merge, layout, aggregators ? *aggregators : builtins);
    if (!function.ok()) return merger;
    merger->function_ = std::move(function).value();
    merger->mode_ = Mode::kMergeFunction;
    return merger;
}

Result<std::vector<SortedRun>> WriteBufferMerger::Merge(const KeyValueBuffer& buffer) {
    std::vector<SortedRun> runs;
    if (buffer.empty()) return runs;
    if (mode_ == Mode::kMergeFunction) return MergeWithFunction(buffer);
    const KeyValueBuffer::Sorted sorted = buffer.Sort();
    const std::vector<uint32_t>& order = sorted.order;
    switch (mode_) {
        case Mode::kNewest: {
            runs.push_back(BufferRun(buffer));
            for (size_t g = 0; g < sorted.num_groups(); ++g)
                TakeBufferRow(buffer, order[sorted.group_begin[g + 1] - 1], &runs[0]);
            break;
        }
        case Mode::kFirstInsert: {
            runs.push_back(BufferRun(buffer));
            for (size_t g = 0; g < sorted.num_groups(); ++g) {
                for (uint32_t i = sorted.group_begin[g]; i < sorted.group_begin[g + 1]; ++i) {
                    if (lsm::IsRetract(buffer.kinds()[order[i]])) continue;
                    TakeBufferRow(buffer, order[i], &runs[0]);
                    break;
                }
            }
            break;
        }
        case Mode::kLayers:
        case Mode::kMergeFunction: {
            for (size_t g = 0; g < sorted.num_groups(); ++g) {
                for (uint32_t i = sorted.group_begin[g]; i < sorted.group_begin[g + 1]; ++i) {
                    size_t layer = i - sorted.group_begin[g];
                    if (runs.size() <= layer) runs.push_back(BufferRun(buffer));
                    TakeBufferRow(buffer, order[i], &runs[layer]);
                }
            }
            break;
        }
    }
    if (!runs.empty() && runs[0].rows.empty()) runs.clear();
    return runs;
}

Result<std::vector<SortedRun>> WriteBufferMerger::MergeWithFunction(const KeyValueBuffer& buffer) {
    const KeyValueBuffer::Sorted sorted = buffer.Sort();
    const size_t rows = buffer.size();
    std::vector<uint32_t> versions = sorted.order;
    Chunk columns(buffer.columns(), rows);
    // `sequence.field`: versions of a key ordered by those fields, then by sequence number.
    if (!sequence_field_columns_.empty()) {
        lsm::NormalizedKeys order_keys = lsm::NormalizedKeys::Encode(columns, sequence_field_columns_);
        for (size_t g = 0; g < sorted.num_groups(); ++g) {
            auto begin = versions.begin() + sorted.group_begin[g];
            auto end = versions.begin() + sorted.group_begin[g + 1];
            if (end - begin < 2) continue;
            std::stable_sort(begin, end, [&](uint32_t a, uint32_t b) { return order_keys.Get(a) < order_keys.Get(b); });
        }
    }
    auto source = std::make_shared<lsm::KeyValueChunk>();
    source->keys = lsm::NormalizedKeys::Encode(columns, context_->key_columns);
    source->columns = std::move(columns);
    source->sequence = buffer.sequence();
    source->kinds = buffer.kinds();

    lsm::MergeBatch batch;
    batch.sources = {source};
    batch.source.assign(rows, 0);
    batch.row = versions;
    batch.sequence.resize(rows);
    batch.kinds.resize(rows);
    for (size_t i = 0; i < rows; ++i) {
        batch.sequence[i] = buffer.sequence()[versions[i]];
        batch.kinds[i] = buffer.kinds()[versions[i]];
    }
    batch.group_begin = sorted.group_begin;
    MergedRows merged;
    FL_RETURN_NOT_OK(MergeForWrite(batch, function_.get(), options_.engine, context_->key_columns,
                                   context_->column_types, /*drop_retractions=*/false, &merged));
    std::vector<SortedRun> runs;
    if (merged.size() == 0) return runs;
    SortedRun run;
    run.columns = std::move(merged.columns);
    run.rows.resize(merged.size());
    for (size_t i = 0; i < run.rows.size(); ++i) run.rows[i] = static_cast<uint32_t>(i);
    run.sequence = std::move(merged.sequence);
    run.kinds = std::move(merged.kinds);
    runs.push_back(std::move(run));
    return runs;
}

}  // namespace flashlake::lake

#include "lake/write/merged_rows.h"

#include <algorithm>

#include "lake/lsm/key_value_chunk.h"
#include "lake/lsm/merge_function.h"
#include "lake/lsm/normalized_keys.h"

namespace flashlake::lake {

namespace {

std::string_view GroupKey(const lsm::MergeBatch& batch, uint32_t version) {
    return batch.sources[batch.source[version]]->keys.Get(batch.row[version]);
}

}  // namespace

Status MergeForWrite(const lsm::MergeBatch& batch, lsm::MergeFunction* function, lsm::MergeEngine engine,
                     const std::vector<int>& key_columns, const std::vector<LogicalType>& column_types,
                     bool drop_retractions, MergedRows* out) {
    out->columns.clear();
    out->sequence.clear();
    out->kinds.clear();
    lsm::MergeOutput merged;
    FL_RETURN_NOT_OK(function->Merge(batch, &merged));
    const size_t merged_rows = merged.num_rows();
    lsm::NormalizedKeys merged_keys = lsm::NormalizedKeys::Encode(Chunk(merged.columns, merged_rows), key_columns);

    std::vector<int32_t> retractions;  // versions written as they are
    std::vector<bool> from_merge;      // per output row
    size_t next = 0;
    for (size_t g = 0; g < batch.num_groups(); ++g) {
        const uint32_t begin = batch.group_begin[g];
        const uint32_t newest = batch.group_begin[g + 1] - 1;
        if (next < merged_rows && merged_keys.Get(next) == GroupKey(batch, begin)) {
            int64_t sequence = batch.sequence[begin];
            if (engine == lsm::MergeEngine::kFirstRow) {
                for (uint32_t v = begin; v <= newest; ++v) {
                    if (!lsm::IsRetract(batch.kinds[v])) {
                        sequence = batch.sequence[v];
                        break;
                    }
                }
            } else {
                for (uint32_t v = begin + 1; v <= newest; ++v) sequence = std::max(sequence, batch.sequence[v]);
            }
            out->sequence.push_back(sequence);
            out->kinds.push_back(merged.kinds[next]);
            from_merge.push_back(true);
            ++next;
        } else if (!drop_retractions && lsm::IsRetract(batch.kinds[newest])) {
            retractions.push_back(static_cast<int32_t>(newest));
            out->sequence.push_back(batch.sequence[newest]);
            out->kinds.push_back(batch.kinds[newest]);
            from_merge.push_back(false);
        }
    }
    if (next != merged_rows) return Status::Internal("merged rows do not match the merged keys");

    if (retractions.empty()) {
        out->columns = std::move(merged.columns);
        return Status::OK();
    }
    // Interleave merged rows and retractions in key order.
    SelectionVector piece;
    for (size_t c = 0; c < column_types.size(); ++c) {
        ColumnPtr retracted = lsm::GatherVersions(batch, c, retractions.data(), retractions.size());
        ColumnPtr column = Column::MakeFlat(column_types[c], 0);
        size_t m = 0, r = 0;
        for (size_t i = 0; i < from_merge.size();) {
            const bool merged_piece = from_merge[i];
            piece.Clear();
            for (; i < from_merge.size() && from_merge[i] == merged_piece; ++i) {
                piece.Append(static_cast<uint32_t>(merged_piece ? m++ : r++));
            }
            column->Append(merged_piece ? *merged.columns[c] : *retracted, &piece);
        }
        out->columns.push_back(std::move(column));
    }
    return Status::OK();
}

}  // namespace flashlake::lake

#include "lake/lsm/partial_update_merge_function.h"

namespace flashlake::lake::lsm {

Status PartialUpdateMergeFunction::Merge(const MergeBatch& batch, MergeOutput* out) {
    starts_.clear();
    groups_.clear();
    out->kinds.clear();
    for (size_t g = 0; g < batch.num_groups(); ++g) {
        uint32_t begin = batch.group_begin[g];
        uint32_t end = batch.group_begin[g + 1];
        uint32_t start = begin;
        bool deleted = false;
        bool any_insert = false;
        for (uint32_t v = begin; v < end; ++v) {
            int8_t kind = batch.kinds[v];
            if (!IsRetract(kind)) {
                deleted = false;
                any_insert = true;
                continue;
            }
            if (ignore_delete_) continue;
            if (!remove_record_on_delete_) {
                return Status::NotSupported(
                    "partial-update cannot merge -U/-D rows; set 'ignore-delete' or "
                    "'partial-update.remove-record-on-delete'");
            }
            if (kind == static_cast<int8_t>(RowKind::kDelete)) {
                start = v + 1;
                deleted = true;
                any_insert = false;
            }
        }
        if (deleted || !any_insert) continue;
        groups_.push_back(static_cast<uint32_t>(g));
        starts_.push_back(start);
        out->kinds.push_back(static_cast<int8_t>(RowKind::kInsert));
    }
    out->columns.clear();
    std::vector<const ValidityMask*> validity(batch.sources.size());
    for (int column : layout_.outputs) {
        for (size_t s = 0; s < batch.sources.size(); ++s) {
            validity[s] = &batch.sources[s]->columns.column(column)->validity();
        }
        picks_.assign(groups_.size(), -1);
        for (size_t i = 0; i < groups_.size(); ++i) {
            uint32_t end = batch.group_begin[groups_[i] + 1];
            for (uint32_t v = end; v-- > starts_[i];) {
                if (IsRetract(batch.kinds[v])) continue;
                if (validity[batch.source[v]]->IsValid(batch.row[v])) {
                    picks_[i] = static_cast<int32_t>(v);
                    break;
                }
            }
        }
        out->columns.push_back(GatherVersions(batch, static_cast<size_t>(column), picks_.data(), picks_.size()));
    }
    return Status::OK();
}

}  // namespace flashlake::lake::lsm

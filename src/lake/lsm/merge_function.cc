#include "lake/lsm/merge_function.h"

#include "lake/lsm/aggregate_merge_function.h"
#include "lake/lsm/partial_update_merge_function.h"

namespace flashlake::lake::lsm {

void GatherPicks(const MergeBatch& batch, const MergeLayout& layout, const std::vector<int32_t>& picks,
                 MergeOutput* out) {
    out->columns.clear();
    for (int column : layout.outputs) {
        out->columns.push_back(GatherVersions(batch, static_cast<size_t>(column), picks.data(), picks.size()));
    }
}

namespace {

// `deduplicate`: the newest version wins; if it is a retraction the key is deleted. With
// ignore-delete, retractions are skipped and the newest insert wins.
class DeduplicateMergeFunction final : public MergeFunction {
public:
    DeduplicateMergeFunction(MergeLayout layout, bool ignore_delete)
        : layout_(std::move(layout)), ignore_delete_(ignore_delete) {}

    Status Merge(const MergeBatch& batch, MergeOutput* out) override {
        picks_.clear();
        out->kinds.clear();
        for (size_t g = 0; g < batch.num_groups(); ++g) {
            int64_t v = static_cast<int64_t>(batch.group_begin[g + 1]) - 1;
            if (ignore_delete_) {
                while (v >= batch.group_begin[g] && IsRetract(batch.kinds[v])) --v;
                if (v < batch.group_begin[g]) continue;
            } else if (IsRetract(batch.kinds[v])) {
                continue;
            }
            picks_.push_back(static_cast<int32_t>(v));
            out->kinds.push_back(batch.kinds[v]);
        }
        GatherPicks(batch, layout_, picks_, out);
        return Status::OK();
    }

private:
    MergeLayout layout_;
    bool ignore_delete_;
    std::vector<int32_t> picks_;
};

// `first-row`: the oldest insert wins; retractions are ignored (Paimon requires ignore-delete
// for first-row tables that receive them, and keeps the first row regardless).
class FirstRowMergeFunction final : public MergeFunction {
public:
    explicit FirstRowMergeFunction(MergeLayout layout) : layout_(std::move(layout)) {}

    Status Merge(const MergeBatch& batch, MergeOutput* out) override {
        picks_.clear();
        out->kinds.clear();
        for (size_t g = 0; g < batch.num_groups(); ++g) {
            uint32_t v = batch.group_begin[g];
            while (v < batch.group_begin[g + 1] && IsRetract(batch.kinds[v])) ++v;
            if (v == batch.group_begin[g + 1]) continue;
            picks_.push_back(static_cast<int32_t>(v));
            out->kinds.push_back(static_cast<int8_t>(RowKind::kInsert));
        }
        GatherPicks(batch, layout_, picks_, out);
        return Status::OK();
    }

private:
    MergeLayout layout_;
    std::vector<int32_t> picks_;
};

}  // namespace

Result<std::unique_ptr<MergeFunction>> MakeMergeFunction(const MergeOptions& options, const MergeLayout& layout,
                                                         const FieldAggregatorRegistry& aggregators) {
    switch (options.engine) {
        case MergeEngine::kDeduplicate:
            return std::unique_ptr<MergeFunction>(new DeduplicateMergeFunction(layout, options.ignore_delete));
        case MergeEngine::kFirstRow:
            return std::unique_ptr<MergeFunction>(new FirstRowMergeFunction(layout));
        case MergeEngine::kPartialUpdate:
            return std::unique_ptr<MergeFunction>(new PartialUpdateMergeFunction(layout, options));
        case MergeEngine::kAggregation:
            return AggregateMergeFunction::Make(layout, options, aggregators);
    }
    return Status::NotSupported("merge engine " + std::string(MergeEngineName(options.engine)));
}

}  // namespace flashlake::lake::lsm

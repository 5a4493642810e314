#pragma once

#include <memory>
#include <vector>

#include "lake/lsm/field_aggregator.h"
#include "lake/lsm/merge_function.h"

namespace flashlake::lake::lsm {

// `aggregation`: each non-key field is folded over a key's versions by its aggregate function
// (`fields.<f>.aggregate-function`, else `fields.default-aggregate-function`, else
// last_non_null_value); key fields are taken as they are. With ignore-delete, -U/-D versions are
// dropped; with remove-record-on-delete a -D discards the versions before it and deletes the
// key when it is the newest; otherwise retractions go to the aggregate functions.
class AggregateMergeFunction final : public MergeFunction {
public:
    static Result<std::unique_ptr<MergeFunction>> Make(const MergeLayout& layout, const MergeOptions& options,
                                                       const FieldAggregatorRegistry& aggregators);

    Status Merge(const MergeBatch& batch, MergeOutput* out) override;

private:
    AggregateMergeFunction(MergeLayout layout, const MergeOptions& options)
        : layout_(std::move(layout)),
          ignore_delete_(options.ignore_delete),
          remove_record_on_delete_(options.remove_record_on_delete) {}

    MergeLayout layout_;
    bool ignore_delete_;
    bool remove_record_on_delete_;
    std::vector<std::unique_ptr<FieldAggregator>> aggregators_;  // per output column
    // Per batch: the versions aggregated (indexes into the batch), their kinds, and each
    // surviving key's range in them.
    std::vector<int32_t> versions_;
    std::vector<int8_t> kinds_;
    std::vector<uint32_t> begin_;
    std::vector<uint32_t> end_;
};

}  // namespace flashlake::lake::lsm

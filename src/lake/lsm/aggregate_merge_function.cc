#include "lake/lsm/aggregate_merge_function.h"

namespace flashlake::lake::lsm {

Result<std::unique_ptr<MergeFunction>> AggregateMergeFunction::Make(const MergeLayout& layout,
                                                                    const MergeOptions& options,
                                                                    const FieldAggregatorRegistry& aggregators) {
    std::unique_ptr<AggregateMergeFunction> function(new AggregateMergeFunction(layout, options));
    for (int column : layout.outputs) {
        const DataField& field = layout.columns[column];
        const std::string& name = layout.is_key[column] ? std::string("primary-key") : options.AggregateOf(field.name);
        bool ignore_retract = options.ignore_retract_fields.count(field.name) > 0;
        FL_ASSIGN_OR_RETURN(std::unique_ptr<FieldAggregator> aggregator,
                            aggregators.Create(name, field, ignore_retract));
        function->aggregators_.push_back(std::move(aggregator));
    }
    return std::unique_ptr<MergeFunction>(std::move(function));
}

Status AggregateMergeFunction::Merge(const MergeBatch& batch, MergeOutput* out) {
    versions_.clear();
    kinds_.clear();
    begin_.clear();
    end_.clear();
    out->kinds.clear();
    for (size_t g = 0; g < batch.num_groups(); ++g) {
        uint32_t begin = batch.group_begin[g];
        uint32_t end = batch.group_begin[g + 1];
        if (remove_record_on_delete_) {
            uint32_t last_delete = end;
            for (uint32_t v = begin; v < end; ++v) {
                if (batch.kinds[v] == static_cast<int8_t>(RowKind::kDelete)) last_delete = v;
            }
            if (last_delete == end - 1) continue;
            if (last_delete != end) begin = last_delete + 1;
        }
        size_t first = versions_.size();
        for (uint32_t v = begin; v < end; ++v) {
            if (ignore_delete_ && IsRetract(batch.kinds[v])) continue;
            versions_.push_back(static_cast<int32_t>(v));
            kinds_.push_back(batch.kinds[v]);
        }
        if (versions_.size() == first) continue;
        begin_.push_back(static_cast<uint32_t>(first));
        end_.push_back(static_cast<uint32_t>(versions_.size()));
        out->kinds.push_back(static_cast<int8_t>(RowKind::kInsert));
    }
    out->columns.clear();
    const size_t groups = begin_.size();
    for (size_t i = 0; i < layout_.outputs.size(); ++i) {
        size_t column = static_cast<size_t>(layout_.outputs[i]);
        ColumnPtr values = GatherVersions(batch, column, versions_.data(), versions_.size());
        ColumnPtr result = Column::MakeFlat(values->type(), groups);
        AggregateInput input{*values, kinds_.data(), begin_.data(), end_.data(), groups};
        Status status = aggregators_[i]->Aggregate(input, result.get());
        if (!status.ok()) return status;
        out->columns.push_back(std::move(result));
    }
    return Status::OK();
}

}  // namespace flashlake::lake::lsm

#pragma once

#include <memory>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "lake/data_type.h"
#include "lake/lsm/field_aggregator.h"
#include "lake/lsm/merge_batch.h"
#include "lake/lsm/merge_options.h"

namespace flashlake::lake::lsm {

// The rows a merge produced: one per key that survives, columns in the order the merge
// function was asked for, and each row's kind (+I or +U; retractions are never output).
struct MergeOutput {
    std::vector<ColumnPtr> columns;
    std::vector<int8_t> kinds;

    size_t num_rows() const { return kinds.size(); }
};

// The layout of the merge's source chunks and what to produce from them.
struct MergeLayout {
    std::vector<DataField> columns;  // the value columns of every source chunk, in table terms
    std::vector<bool> is_key;        // per column: a primary-key field
    std::vector<int> outputs;        // source columns to produce, in output order
};

// Merges each group of versions of a MergeBatch (one key) into at most one row, as Paimon's
// MergeFunction does for one key at a time, but column-wise over a whole batch: one virtual
// call per batch, kernels per column. Groups whose result is a deletion (or that ignore-delete
// empties) produce no row, which is what Paimon's DropDeleteReader does afterwards.
class MergeFunction {
public:
    virtual ~MergeFunction() = default;
    virtual Status Merge(const MergeBatch& batch, MergeOutput* out) = 0;
};

// The merge function of `options.engine` for `layout`; aggregate functions come from
// `aggregators`. Errors (an unknown aggregate function, a type it does not accept) are
// kNotSupported naming the field.
Result<std::unique_ptr<MergeFunction>> MakeMergeFunction(const MergeOptions& options, const MergeLayout& layout,
                                                         const FieldAggregatorRegistry& aggregators);

// Produces out->columns from one chosen version per surviving group (`picks`, a version index
// per output row): the shared last step of picking merge functions.
void GatherPicks(const MergeBatch& batch, const MergeLayout& layout, const std::vector<int32_t>& picks,
                 MergeOutput* out);

}  // namespace flashlake::lake::lsm

#pragma once

#include <cstdint>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "lake/lsm/merge_batch.h"
#include "lake/lsm/merge_options.h"

namespace flashlake::lake {

namespace lsm {
class MergeFunction;
}

// Rows to write into a sorted run: flat table columns in key order, each key once, with the
// sequence number and RowKind of every row.
struct MergedRows {
    std::vector<ColumnPtr> columns;
    std::vector<int64_t> sequence;
    std::vector<int8_t> kinds;

    size_t size() const { return kinds.size(); }
};

// Merges every key group of `batch` for writing (a flush or a compaction), where the lsm merge
// functions are made for reading: they leave out keys whose merge is a deletion. Here
//   - a surviving key gets its merged row (the function's columns and kind), with the newest
//     sequence number of its versions (the first insert's for first-row, whose row it is);
//   - a key the merge deleted is written as its newest version, a retraction, unless
//     `drop_retractions` (the output is the bucket's oldest data, so nothing below it can still
//     hold the key), in which case it disappears.
// Merged rows are matched to their groups by key: `key_columns` index both the batch's source
// columns and the function's output (whose layout outputs must be the table columns in order),
// and every source chunk's `keys` must be the normalized keys of those columns.
Status MergeForWrite(const lsm::MergeBatch& batch, lsm::MergeFunction* function, lsm::MergeEngine engine,
                     const std::vector<int>& key_columns, const std::vector<LogicalType>& column_types,
                     bool drop_retractions, MergedRows* out);

}  // namespace flashlake::lake

#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "lake/lsm/merge_options.h"

namespace flashlake::lake {

namespace lsm {
class FieldAggregatorRegistry;
class MergeFunction;
}  // namespace lsm

class KeyValueBuffer;
struct WriteContext;

// Rows a flush writes as one sorted run: `rows` index `columns` (the table columns) in key
// order, each key at most once, with the sequence number and RowKind of each entry.
struct SortedRun {
    std::vector<ColumnPtr> columns;
    std::vector<uint32_t> rows;
    std::vector<int64_t> sequence;
    std::vector<int8_t> kinds;

    size_t size() const { return rows.size(); }
};

// Merges a primary-key write buffer by key before it is flushed, as Paimon's MergeTreeWriter
// runs the merge function over its sort buffer: every sorted run must hold a key at most once
// (readers take a single file without retractions as is). Per merge engine:
//
//   deduplicate (no sequence.field)  the newest version of each key, retractions included, so
//                                    that a -D still deletes the key from older files
//   first-row                        the oldest insert of each key; retractions are dropped
//   partial-update, aggregation and  the lsm merge function over each key's versions (ordered
//   sequence.field tables            by sequence field, then sequence number); a merged row
//                                    gets the newest sequence number of its key; a key the
//                                    function deletes is written as its newest retraction
//   no usable merge function         (e.g. an aggregate function the registry lacks) no merge:
//                                    the k-th versions of all keys form the k-th sorted run
//
// Not thread-safe; `context` must outlive the merger.
class WriteBufferMerger {
public:
    // `aggregators` may be null (the built-in aggregate functions).
    static Result<std::unique_ptr<WriteBufferMerger>> Make(const WriteContext* context,
                                                           const lsm::FieldAggregatorRegistry* aggregators);
    ~WriteBufferMerger();

    // The buffer as sorted runs with unique keys, oldest run first (usually exactly one).
    Result<std::vector<SortedRun>> Merge(const KeyValueBuffer& buffer);

private:
    enum class Mode : uint8_t { kNewest, kFirstInsert, kMergeFunction, kLayers };

    WriteBufferMerger() = default;
    Result<std::vector<SortedRun>> MergeWithFunction(const KeyValueBuffer& buffer);

    const WriteContext* context_ = nullptr;
    Mode mode_ = Mode::kNewest;
    lsm::MergeOptions options_;
    std::vector<int> sequence_field_columns_;
    std::unique_ptr<lsm::MergeFunction> function_;
};

}  // namespace flashlake::lake

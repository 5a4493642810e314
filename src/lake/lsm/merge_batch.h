#pragma once

#include <cstdint>
#include <vector>

#include "column/column.h"
#include "lake/lsm/key_value_chunk.h"

namespace flashlake::lake::lsm {

// The versions of a run of consecutive keys, as the sort merge collected them: for each key
// (a group) the references to its rows in the source chunks, ordered oldest first (by
// sequence field values if the table has them, then by sequence number). Merge functions turn
// each group into at most one row, column by column.
struct MergeBatch {
    std::vector<KeyValueChunkPtr> sources;  // chunks the references point into
    // Per version (reference).
    std::vector<uint32_t> source;  // index into `sources`
    std::vector<uint32_t> row;     // row in that chunk
    std::vector<int64_t> sequence;
    std::vector<int8_t> kinds;
    // Group g is versions [group_begin[g], group_begin[g + 1]).
    std::vector<uint32_t> group_begin = {0};

    size_t num_groups() const { return group_begin.size() - 1; }
    size_t num_versions() const { return source.size(); }
    void Clear();
};

// A flat column holding, for each entry of `versions`, the value of source column `column` of
// that version; an entry < 0 gives NULL. String bytes are shared with the sources, not copied.
ColumnPtr GatherVersions(const MergeBatch& batch, size_t column, const int32_t* versions, size_t count);

// Whether source column `column` of version `v` is NULL.
inline bool VersionIsNull(const MergeBatch& batch, size_t column, uint32_t v) {
    return batch.sources[batch.source[v]]->columns.column(column)->IsNull(batch.row[v]);
}

}  // namespace flashlake::lake::lsm

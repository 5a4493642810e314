#pragma once

#include <cstdint>
#include <vector>

#include "column/column.h"

namespace flashlake::exec {

// Row copying between columns for operators that materialize rows (sort runs, join build sides,
// join output). One type dispatch per column, a typed loop per row.

// Marks a gathered row as NULL (e.g. the right side of a LEFT JOIN row without a match).
constexpr uint32_t kNullRow = UINT32_MAX;

// Appends the first `count` rows of `source` (any encoding, same physical type) to the flat
// column `target`. Long string bytes are copied into target's heap instead of sharing source's,
// so that a column built from thousands of chunks holds one heap, not thousands.
void AppendRows(Column& target, const Column& source, size_t count);

// A flat column with rows[i] of the flat column `source` (NULL where rows[i] == kNullRow).
// Strings share source's heap.
ColumnPtr GatherRows(const Column& source, const uint32_t* rows, size_t count);

// A flat column whose row i is row rows[i] of sources[runs[i]] (flat columns of one type).
// Strings share the sources' heaps.
ColumnPtr GatherFromRuns(const std::vector<const Column*>& sources, const uint32_t* runs, const uint32_t* rows,
                         size_t count);

}  // namespace flashlake::exec

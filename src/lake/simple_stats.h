#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "lake/binary_row.h"

namespace flashlake::lake {

// Column statistics of a data file or a manifest (paimon `stats/SimpleStats`): min and max as
// BinaryRows over the covered columns, and per-column null counts. Min/max of strings may be
// truncated bounds (stats mode truncate(16)), not exact values; a column without stats is null
// in both rows. `null_counts` is absent when the writer kept none; an element is absent when
// that column's count is unknown.
struct SimpleStats {
    BinaryRow min_values;
    BinaryRow max_values;
    std::optional<std::vector<std::optional<int64_t>>> null_counts;

    bool operator==(const SimpleStats&) const = default;
};

}  // namespace flashlake::lake

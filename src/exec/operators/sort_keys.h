#pragma once

#include <cstdint>
#include <vector>

#include "column/column.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

// Turns ORDER BY keys into fixed-width byte strings whose memcmp order is the SQL order, so that
// sorting and merging compare rows with one memcmp instead of a type switch per key. Per key:
//
//   [null byte][value bytes]
//
// The null byte puts NULLs first or last (it is never inverted by DESC). Integers, dates and
// decimals are big-endian with the sign bit flipped; floating point uses the IEEE bit trick (-0.0
// as 0.0, NaN above every number); strings keep a 16-byte prefix, zero padded, then their length
// (capped at 17). DESC inverts the value bytes. NULL rows have zero value bytes.
//
// Two strings longer than the prefix that share it encode equally, so encoded-equal rows are only
// truly equal when no such string is involved: `has_long_strings` tells, and CompareRows breaks
// those ties on the real values.
class SortKeyEncoder {
public:
    explicit SortKeyEncoder(const std::vector<planner::BoundOrderBy>& order_by);

    size_t width() const { return width_; }
    // Encoded bytes [0, exact_width()) order rows exactly: they end with the first string key.
    // Past a string key whose two values tie on a cut prefix, a later key's bytes may disagree
    // with the real order, so rows equal on these bytes need CompareRows when strings are long.
    size_t exact_width() const { return exact_width_; }
    size_t num_keys() const { return keys_.size(); }

    // Encodes rows [0, num_rows) of the flat key columns into out[row * width()]. Sets
    // *has_long_strings when a string key longer than the prefix was seen.
    void Encode(const std::vector<const Column*>& keys, size_t num_rows, uint8_t* out, bool* has_long_strings) const;

    // SQL order of row a of keys_a against row b of keys_b: < 0, 0 or > 0.
    int CompareRows(const std::vector<const Column*>& keys_a, size_t a, const std::vector<const Column*>& keys_b,
                    size_t b) const;

private:
    struct Key {
        LogicalType type;
        bool ascending;
        bool nulls_first;
        size_t offset;  // of the null byte
        size_t width;   // value bytes
    };
    std::vector<Key> keys_;
    size_t width_ = 0;
    size_t exact_width_ = 0;
};

}  // namespace flashlake::exec

#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "column/column.h"
#include "common/hash.h"
#include "types/int128.h"

namespace flashlake::exec {

// Hashing and equality of key values for hash aggregation, DISTINCT and hash joins. Keys are
// hashed a column at a time (one type dispatch per column, a tight loop per type), combining into
// one 64-bit hash per row. Equal keys hash equally: -0.0 like 0.0, every NaN alike, and NULL to a
// fixed value (grouping treats NULLs as equal; joins drop NULL keys before hashing matters).

constexpr uint64_t kNullKeyHash = 0x8f1bbcdcafe0f00dULL;

template <typename T>
inline uint64_t HashKeyValue(const T& value) {
    if constexpr (std::is_same_v<T, StringView>) {
        return HashBytes(value.data(), value.size());
    } else if constexpr (std::is_same_v<T, int128_t>) {
        return HashCombine(HashMix(static_cast<uint64_t>(value)), static_cast<uint64_t>(value >> 64));
    } else if constexpr (std::is_floating_point_v<T>) {
        double normalized = value == 0 ? 0.0 : static_cast<double>(value);
        if (std::isnan(normalized)) normalized = std::numeric_limits<double>::quiet_NaN();
        uint64_t bits;
        std::memcpy(&bits, &normalized, sizeof(bits));
        return HashMix(bits);
    } else {
        return HashMix(static_cast<uint64_t>(static_cast<int64_t>(value)));
    }
}

// Key equality: floating point compares values (so -0.0 = 0.0) and treats NaN as equal to NaN.
template <typename T>
inline bool KeyEquals(const T& a, const T& b) {
    if constexpr (std::is_floating_point_v<T>) {
        return a == b || (std::isnan(a) && std::isnan(b));
    } else {
        return a == b;
    }
}

// A flat column with the values of `column` (constant and dictionary columns are expanded), so
// that key loops index rows directly.
ColumnPtr FlatKeyColumn(ColumnPtr column);

// hashes[i] = hash of row i's key values over `keys` (flat columns, at least num_rows rows).
// With no keys every hash is the same constant.
void HashKeyColumns(const std::vector<const Column*>& keys, size_t num_rows, uint64_t* hashes);

// Folds one more flat column into existing per-row hashes.
void CombineKeyHashes(const Column& column, size_t num_rows, uint64_t* hashes);

}  // namespace flashlake::exec

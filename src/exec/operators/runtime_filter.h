#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "column/column.h"
#include "column/selection_vector.h"

namespace flashlake::exec {

// The key values of one join key column of a finished hash-join build, published to the scans on
// the probe side (planner/optimizer/runtime_filters.cc decides where that is exact) so they drop
// rows that cannot match before any operator above them sees those rows.
//
// Integer keys whose values span a small range become an exact bitset over [min, max]; other
// integer and string keys a register-blocked bloom filter (one 64-bit word per probe, about 1%
// false positives at 16 bits per key). A false positive only lets a row through to the join.
//
// Filters are optional: a scan that starts before its filter is published reads unfiltered, and
// a filter that keeps nearly every row it sees turns itself off.
class RuntimeFilter {
public:
    // Builds from a flat key column (NULL keys never match and are left out). Called once, by the
    // build's Finish, before any probe-side scan of the same pipeline starts.
    void Publish(const Column& keys, size_t num_rows);
    bool ready() const { return ready_.load(std::memory_order_acquire); }
    bool disabled() const { return disabled_.load(std::memory_order_relaxed); }

    // Narrows `selection` (rows of `column` still selected; all rows when `all_rows`) to the rows
    // whose value may be a build key. `column` has the build key's physical type, any encoding.
    // Returns the number of rows removed.
    size_t Apply(const Column& column, bool all_rows, SelectionVector& selection);

    // For EXPLAIN ANALYZE.
    int64_t rows_checked() const { return checked_.load(std::memory_order_relaxed); }
    int64_t rows_removed() const { return removed_.load(std::memory_order_relaxed); }

private:
    enum class Kind { kEmpty, kRange, kBloom };

    template <typename T>
    bool MightContain(const T& value) const;
    template <typename T>
    void ApplyTyped(const Column& column, bool all_rows, SelectionVector& selection);
    void ApplyDictionary(const Column& column, bool all_rows, SelectionVector& selection);
    void ApplyConstant(const Column& column, bool all_rows, SelectionVector& selection);

    Kind kind_ = Kind::kEmpty;
    int64_t min_ = 0;
    uint64_t range_ = 0;          // kRange: max - min
    std::vector<uint64_t> bits_;  // kRange: bit per value; kBloom: blocks of one word
    uint64_t block_mask_ = 0;     // kBloom
    std::atomic<bool> ready_{false};
    std::atomic<bool> disabled_{false};
    std::atomic<int64_t> checked_{0};
    std::atomic<int64_t> removed_{0};
};

// A filter and the scan column it applies to.
struct RuntimeFilterProbe {
    std::shared_ptr<RuntimeFilter> filter;
    size_t column;
};

// Applies the published, enabled filters of `probes` to a chunk's `columns`. On return
// `selection` holds the rows that remain, unless `all_rows` is still true (no filter ran).
void ApplyRuntimeFilters(const std::vector<RuntimeFilterProbe>& probes, const std::vector<ColumnPtr>& columns,
                         bool& all_rows, SelectionVector& selection);

}  // namespace flashlake::exec

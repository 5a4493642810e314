#include "exec/operators/runtime_filter.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "column/physical_dispatch.h"
#include "exec/operators/key_hashing.h"

namespace flashlake::exec {

namespace {

// A filter that removed fewer than 1 in 20 of the first rows it saw costs more than it saves.
constexpr int64_t kRowsBeforeJudging = 256 * 1024;
constexpr int64_t kUselessBelowOneIn = 20;

// Bloom probe: the hash's low bits pick a word, four 6-bit fields of its high half pick the bits.
inline uint64_t BloomMask(uint64_t hash) {
    return (uint64_t{1} << ((hash >> 32) & 63)) | (uint64_t{1} << ((hash >> 38) & 63)) |
           (uint64_t{1} << ((hash >> 44) & 63)) | (uint64_t{1} << ((hash >> 50) & 63));
}

template <typename T>
constexpr bool kIntegerKey = std::is_integral_v<T> && !std::is_same_v<T, uint8_t>;

}  // namespace

void RuntimeFilter::Publish(const Column& keys, size_t num_rows) {
    DispatchPhysical(keys.type().physical(), [&]<typename T>() {
        if constexpr (kIntegerKey<T> || std::is_same_v<T, StringView>) {
            const T* data = keys.Data<T>();
            const ValidityMask& validity = keys.validity();
            size_t valid = 0;
            int64_t min = std::numeric_limits<int64_t>::max();
            int64_t max = std::numeric_limits<int64_t>::min();
            for (size_t r = 0; r < num_rows; ++r) {
                if (!validity.IsValid(r)) continue;
                ++valid;
                if constexpr (kIntegerKey<T>) {
                    min = std::min<int64_t>(min, data[r]);
                    max = std::max<int64_t>(max, data[r]);
                }
            }
            if (valid == 0) {
                kind_ = Kind::kEmpty;
                return;
            }
            if constexpr (kIntegerKey<T>) {
                min_ = min;
                range_ = static_cast<uint64_t>(max) - static_cast<uint64_t>(min);
                // An exact bitset while it is not much larger than a bloom filter would be.
                if (range_ < 32 * valid + 65536 && range_ < (uint64_t{1} << 30)) {
                    kind_ = Kind::kRange;
                    bits_.assign(range_ / 64 + 1, 0);
                    for (size_t r = 0; r < num_rows; ++r) {
                        if (!validity.IsValid(r)) continue;
                        uint64_t offset = static_cast<uint64_t>(static_cast<int64_t>(data[r])) - static_cast<uint64_t>(min_);
                        bits_[offset >> 6] |= uint64_t{1} << (offset & 63);
                    }
                    return;
                }
            }
            kind_ = Kind::kBloom;
            const size_t words = std::bit_ceil(std::max<size_t>(valid / 4, 1));  // 16 bits per key
            bits_.assign(words, 0);
            block_mask_ = words - 1;
            for (size_t r = 0; r < num_rows; ++r) {
                if (!validity.IsValid(r)) continue;
                const uint64_t hash = HashKeyValue<T>(data[r]);
                bits_[hash & block_mask_] |= BloomMask(hash);
            }
        } else {
            disabled_.store(true, std::memory_order_relaxed);  // the planner only asks for integer and string keys
        }
    });
    ready_.store(true, std::memory_order_release);
}

template <typename T>
bool RuntimeFilter::MightContain(const T& value) const {
    if constexpr (kIntegerKey<T>) {
        const uint64_t offset = static_cast<uint64_t>(static_cast<int64_t>(value)) - static_cast<uint64_t>(min_);
        if (offset > range_) return false;
        if (kind_ == Kind::kRange) return (bits_[offset >> 6] >> (offset & 63)) & 1;
    }
    const uint64_t hash = HashKeyValue<T>(value);
    const uint64_t mask = BloomMask(hash);
    return (bits_[hash & block_mask_] & mask) == mask;
}

namespace {

// Narrows `selection` (or selects from all rows) to the rows whose value passes `probe`; NULLs
// never pass. Templated on the probe so that its test inlines into the loop.
template <typename T, typename Probe>
void SelectPassing(const Column& column, bool all_rows, SelectionVector& selection, Probe probe) {
    const T* data = column.Data<T>();
    const ValidityMask& validity = column.validity();
    auto& rows = selection.indices();
    size_t kept = 0;
    if (all_rows) {
        const size_t n = column.size();
        rows.resize(n);
        if (validity.AllValid()) {
            for (uint32_t r = 0; r < n; ++r) {
                rows[kept] = r;
                kept += probe(data[r]);
            }
        } else {
            for (uint32_t r = 0; r < n; ++r) {
                rows[kept] = r;
                kept += validity.IsValid(r) && probe(data[r]);
            }
        }
    } else {
        for (uint32_t r : rows) {
            rows[kept] = r;
            kept += validity.IsValid(r) && probe(data[r]);
        }
    }
    rows.resize(kept);
}

}  // namespace

template <typename T>
void RuntimeFilter::ApplyTyped(const Column& column, bool all_rows, SelectionVector& selection) {
    if constexpr (kIntegerKey<T>) {
        if (kind_ == Kind::kRange) {
            const uint64_t* bits = bits_.data();
            const uint64_t min = static_cast<uint64_t>(min_);
            const uint64_t range = range_;
            SelectPassing<T>(column, all_rows, selection, [bits, min, range](T value) {
                const uint64_t offset = static_cast<uint64_t>(static_cast<int64_t>(value)) - min;
                return offset <= range && ((bits[offset >> 6] >> (offset & 63)) & 1) != 0;
            });
            return;
        }
    }
    SelectPassing<T>(column, all_rows, selection, [this](const T& value) { return MightContain(value); });
}

void RuntimeFilter::ApplyDictionary(const Column& column, bool all_rows, SelectionVector& selection) {
    // Each dictionary entry is looked up once; rows test their code's flag.
    const Column& dictionary = column.dictionary();
    std::vector<uint8_t> passes(dictionary.size(), 0);
    DispatchPhysical(dictionary.type().physical(), [&]<typename T>() {
        if constexpr (kIntegerKey<T> || std::is_same_v<T, StringView>) {
            const T* values = dictionary.Data<T>();
            for (size_t i = 0; i < passes.size(); ++i) {
                passes[i] = dictionary.validity().IsValid(i) && MightContain(values[i]);
            }
        }
    });
    const int32_t* codes = column.codes();
    auto& rows = selection.indices();
    size_t kept = 0;
    if (all_rows) {
        rows.resize(column.size());
        for (uint32_t r = 0; r < column.size(); ++r) {
            rows[kept] = r;
            kept += passes[codes[r]];
        }
    } else {
        for (uint32_t r : rows) {
            rows[kept] = r;
            kept += passes[codes[r]];
        }
    }
    rows.resize(kept);
}

void RuntimeFilter::ApplyConstant(const Column& column, bool all_rows, SelectionVector& selection) {
    bool passes = false;
    if (!column.IsNull(0)) {
        DispatchPhysical(column.type().physical(), [&]<typename T>() {
            if constexpr (kIntegerKey<T> || std::is_same_v<T, StringView>) passes = MightContain(column.Data<T>()[0]);
        });
    }
    if (passes) {
        if (all_rows) selection = SelectionVector::Identity(column.size());
    } else {
        selection.Clear();
    }
}

size_t RuntimeFilter::Apply(const Column& column, bool all_rows, SelectionVector& selection) {
    const size_t before = all_rows ? column.size() : selection.size();
    if (kind_ == Kind::kEmpty) {
        selection.Clear();
    } else if (column.encoding() == ColumnEncoding::kDictionary) {
        ApplyDictionary(column, all_rows, selection);
    } else if (column.encoding() == ColumnEncoding::kConstant) {
        ApplyConstant(column, all_rows, selection);
    } else {
        DispatchPhysical(column.type().physical(), [&]<typename T>() {
            if constexpr (kIntegerKey<T> || std::is_same_v<T, StringView>) {
                ApplyTyped<T>(column, all_rows, selection);
            } else if (all_rows) {
                selection = SelectionVector::Identity(column.size());
            }
        });
    }
    const size_t removed = before - selection.size();
    const int64_t checked = checked_.fetch_add(static_cast<int64_t>(before), std::memory_order_relaxed) + before;
    const int64_t total_removed = removed_.fetch_add(static_cast<int64_t>(removed), std::memory_order_relaxed) + removed;
    if (checked >= kRowsBeforeJudging && total_removed * kUselessBelowOneIn < checked) {
        disabled_.store(true, std::memory_order_relaxed);
    }
    return removed;
}

void ApplyRuntimeFilters(const std::vector<RuntimeFilterProbe>& probes, const std::vector<ColumnPtr>& columns,
                         bool& all_rows, SelectionVector& selection) {
    for (const auto& probe : probes) {
        RuntimeFilter& filter = *probe.filter;
        if (!filter.ready() || filter.disabled()) continue;
        filter.Apply(*columns[probe.column], all_rows, selection);
        all_rows = false;
        if (selection.empty()) return;
    }
}

}  // namespace flashlake::exec

#pragma once

// Writer-side value helpers, templated on the value type P the column writer encodes:
// uint8_t (BOOLEAN), int32_t, int64_t, float, double, std::string_view (BYTE_ARRAY) and int128_t
// (FIXED_LEN_BYTE_ARRAY decimals, big-endian). PlainCodec knows P's PLAIN encoding, statistics
// bytes and bloom filter hash; MinMax accumulates page and chunk statistics in P's order.

#include <cmath>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "format/parquet/bit_packing.h"
#include "format/parquet/bloom_filter.h"
#include "format/parquet/parquet_metadata.h"
#include "types/int128.h"
#include "types/string_view.h"

namespace flashlake::format::parquet {

template <typename P>
class PlainCodec {
public:
    explicit PlainCodec(int32_t type_length) : type_length_(type_length) {}

    template <typename S>
    P FromStorage(const S& stored) const {
        if constexpr (std::is_same_v<P, std::string_view>) {
            return stored.view();
        } else {
            return static_cast<P>(stored);
        }
    }

    size_t PlainSize(const P& value) const {
        if constexpr (std::is_same_v<P, std::string_view>) {
            return 4 + value.size();
        } else if constexpr (std::is_same_v<P, int128_t>) {
            return static_cast<size_t>(type_length_);
        } else {
            return sizeof(P);
        }
    }

    // Booleans are appended one byte each and bit-packed by FinishPlain.
    void AppendPlain(const P& value, std::string* out) const {
        if constexpr (std::is_same_v<P, std::string_view>) {
            auto length = static_cast<uint32_t>(value.size());
            out->append(reinterpret_cast<const char*>(&length), 4);
            out->append(value.data(), value.size());
        } else if constexpr (std::is_same_v<P, int128_t>) {
            AppendBigEndian(value, out);
        } else {
            out->append(reinterpret_cast<const char*>(&value), sizeof(P));
        }
    }

    std::string_view FinishPlain(std::string& plain, size_t count) {
        if constexpr (std::is_same_v<P, uint8_t>) {
            packed_.clear();
            std::vector<uint64_t> bits(plain.begin(), plain.end());
            PackBits(bits.data(), count, 1, &packed_);
            return packed_;
        } else {
            return plain;
        }
    }

    // The value as statistics and bloom filters see it: PLAIN without a length prefix.
    std::string StatisticsBytes(const P& value) const {
        std::string out;
        if constexpr (std::is_same_v<P, std::string_view>) {
            out.assign(value.data(), value.size());
        } else if constexpr (std::is_same_v<P, int128_t>) {
            AppendBigEndian(value, &out);
        } else if constexpr (std::is_floating_point_v<P>) {
            out.append(reinterpret_cast<const char*>(&value), sizeof(P));
        } else {
            out.append(reinterpret_cast<const char*>(&value), sizeof(P));
        }
        return out;
    }

    uint64_t Hash(const P& value) const {
        if constexpr (std::is_same_v<P, std::string_view>) {
            return XxHash64(value.data(), value.size());
        } else {
            std::string bytes = StatisticsBytes(value);
            return XxHash64(bytes.data(), bytes.size());
        }
    }

private:
    void AppendBigEndian(int128_t value, std::string* out) const {
        auto bits = static_cast<uint128_t>(value);
        char bytes[16];
        for (int i = 15; i >= 0; --i) {
            bytes[i] = static_cast<char>(bits & 0xff);
            bits >>= 8;
        }
        // The value fits type_length bytes (checked by precision), so the dropped high bytes are
        // sign extension.
        out->append(bytes + 16 - type_length_, static_cast<size_t>(type_length_));
    }

    int32_t type_length_;
    std::string packed_;
};

// Cuts a byte-array bound to `length` bytes: a min is simply cut; a max is cut and its last byte
// that is not 0xff incremented, so it still bounds the values. Returns false when the max cannot
// be shortened (all 0xff), leaving it whole.
inline bool TruncateBound(std::string* bound, size_t length, bool is_max) {
    if (bound->size() <= length) return true;
    if (!is_max) {
        bound->resize(length);
        return true;
    }
    for (size_t i = length; i-- > 0;) {
        auto byte = static_cast<unsigned char>((*bound)[i]);
        if (byte != 0xff) {
            bound->resize(i + 1);
            (*bound)[i] = static_cast<char>(byte + 1);
            return true;
        }
    }
    return false;
}

template <typename P>
struct MinMax {
    using Owned = std::conditional_t<std::is_same_v<P, std::string_view>, std::string, P>;

    bool has = false;
    Owned min{};
    Owned max{};

    void Update(const P& value) {
        if constexpr (std::is_floating_point_v<P>) {
            if (std::isnan(value)) return;  // NaN has no place in an order
        }
        if (!has) {
            min = Owned(value);
            max = Owned(value);
            has = true;
            return;
        }
        if (value < P(min)) min = Owned(value);
        if (P(max) < value) max = Owned(value);
    }

    void Merge(const MinMax& other) {
        if (!other.has) return;
        Update(P(other.min));
        Update(P(other.max));
    }

    // Encoded min and max, truncated for byte arrays; the flags say whether they are exact.
    std::pair<std::string, std::string> EncodedBounds(const PlainCodec<P>& codec, size_t truncate_length,
                                                      bool* min_exact = nullptr, bool* max_exact = nullptr) const {
        if (!has) return {};
        P low = P(min);
        P high = P(max);
        if constexpr (std::is_floating_point_v<P>) {
            // The specification asks for -0 as a zero min and +0 as a zero max, since the two
            // compare equal but a reader may not know which one the page holds.
            if (low == 0) low = -P(0);
            if (high == 0) high = P(0);
        }
        std::string low_bytes = codec.StatisticsBytes(low);
        std::string high_bytes = codec.StatisticsBytes(high);
        if constexpr (std::is_same_v<P, std::string_view>) {
            bool cut_min = low_bytes.size() > truncate_length;
            bool cut_max = high_bytes.size() > truncate_length;
            TruncateBound(&low_bytes, truncate_length, false);
            if (!TruncateBound(&high_bytes, truncate_length, true)) cut_max = false;
            if (min_exact) *min_exact = !cut_min;
            if (max_exact) *max_exact = !cut_max;
        }
        return {std::move(low_bytes), std::move(high_bytes)};
    }

    Statistics ToStatistics(const PlainCodec<P>& codec, int64_t null_count, size_t truncate_length) const {
        Statistics stats;
        stats.null_count = null_count;
        if (has) {
            bool min_exact = true, max_exact = true;
            auto [low, high] = EncodedBounds(codec, truncate_length, &min_exact, &max_exact);
            stats.min_value = std::move(low);
            stats.max_value = std::move(high);
            stats.is_min_value_exact = min_exact;
            stats.is_max_value_exact = max_exact;
        }
        return stats;
    }
};

// ASCENDING when page bounds never decrease, DESCENDING when they never increase (pages without
// values are ignored), UNORDERED otherwise.
template <typename P>
BoundaryOrder BoundaryOrderOf(const std::vector<MinMax<P>>& pages) {
    bool ascending = true, descending = true;
    const MinMax<P>* previous = nullptr;
    for (const MinMax<P>& page : pages) {
        if (!page.has) continue;
        if (previous) {
            if (P(page.min) < P(previous->min) || P(page.max) < P(previous->max)) ascending = false;
            if (P(previous->min) < P(page.min) || P(previous->max) < P(page.max)) descending = false;
        }
        previous = &page;
    }
    if (ascending) return BoundaryOrder::kAscending;
    if (descending) return BoundaryOrder::kDescending;
    return BoundaryOrder::kUnordered;
}

}  // namespace flashlake::format::parquet

#include "exec/operators/sort_keys.h"

#include <cmath>
#include <cstring>

#include "column/physical_dispatch.h"

namespace flashlake::exec {

namespace {

constexpr size_t kStringPrefix = 16;

template <typename T>
size_t ValueWidth() {
    if constexpr (std::is_same_v<T, StringView>) {
        return kStringPrefix + 4;
    } else if constexpr (std::is_same_v<T, float>) {
        return 4;
    } else {
        return sizeof(T);
    }
}

// Writes `bits` big-endian in `width` bytes.
template <typename U>
inline void StoreBigEndian(U bits, uint8_t* out) {
    for (size_t i = 0; i < sizeof(U); ++i) out[i] = static_cast<uint8_t>(bits >> (8 * (sizeof(U) - 1 - i)));
}

template <typename T>
inline void EncodeValue(const T& value, uint8_t* out) {
    if constexpr (std::is_same_v<T, StringView>) {
        std::memset(out, 0, kStringPrefix);
        std::memcpy(out, value.data(), std::min<size_t>(value.size(), kStringPrefix));
        uint32_t length = std::min<uint32_t>(value.size(), kStringPrefix + 1);
        StoreBigEndian<uint32_t>(length, out + kStringPrefix);
    } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        using U = std::conditional_t<std::is_same_v<T, float>, uint32_t, uint64_t>;
        T normalized = value == 0 ? T(0) : value;
        if (std::isnan(normalized)) normalized = std::numeric_limits<T>::quiet_NaN();
        U bits;
        std::memcpy(&bits, &normalized, sizeof(bits));
        constexpr U kSign = U{1} << (sizeof(U) * 8 - 1);
        bits = (bits & kSign) ? ~bits : (bits | kSign);
        StoreBigEndian<U>(bits, out);
    } else if constexpr (std::is_same_v<T, int128_t>) {
        uint128_t bits = static_cast<uint128_t>(value) ^ (uint128_t{1} << 127);
        StoreBigEndian<uint64_t>(static_cast<uint64_t>(bits >> 64), out);
        StoreBigEndian<uint64_t>(static_cast<uint64_t>(bits), out + 8);
    } else {
        using U = std::make_unsigned_t<T>;
        U bits = static_cast<U>(value);
        if constexpr (std::is_signed_v<T>) bits ^= U{1} << (sizeof(U) * 8 - 1);
        StoreBigEndian<U>(bits, out);
    }
}

template <typename T>
int CompareValues(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, StringView>) {
        int c = a.Compare(b);
        return c < 0 ? -1 : c > 0;
    } else if constexpr (std::is_floating_point_v<T>) {
        bool a_nan = std::isnan(a), b_nan = std::isnan(b);
        if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
        return a < b ? -1 : (b < a ? 1 : 0);
    } else {
        return a < b ? -1 : (b < a ? 1 : 0);
    }
}

}  // namespace

SortKeyEncoder::SortKeyEncoder(const std::vector<planner::BoundOrderBy>& order_by) {
    for (const auto& item : order_by) {
        Key key{item.expression->type, item.ascending, item.nulls_first, width_, 0};
        if (key.type.id() != TypeId::kNull) {
            key.width = DispatchPhysical(key.type.physical(), []<typename T>() { return ValueWidth<T>(); });
        }
        width_ += 1 + key.width;
        if (exact_width_ == 0 && key.type.physical() == PhysicalType::kString) exact_width_ = width_;
        keys_.push_back(std::move(key));
    }
    if (exact_width_ == 0) exact_width_ = width_;
}

void SortKeyEncoder::Encode(const std::vector<const Column*>& columns, size_t num_rows, uint8_t* out,
                            bool* has_long_strings) const {
    for (size_t k = 0; k < keys_.size(); ++k) {
        const Key& key = keys_[k];
        const Column& column = *columns[k];
        const uint8_t valid_byte = key.nulls_first ? 1 : 0, null_byte = key.nulls_first ? 0 : 1;
        if (key.width == 0) {
            for (size_t r = 0; r < num_rows; ++r) out[r * width_ + key.offset] = null_byte;
            continue;
        }
        DispatchPhysical(key.type.physical(), [&]<typename T>() {
            const T* data = column.Data<T>();
            const ValidityMask& validity = column.validity();
            for (size_t r = 0; r < num_rows; ++r) {
                uint8_t* slot = out + r * width_ + key.offset;
                if (!validity.IsValid(r)) {
                    slot[0] = null_byte;
                    std::memset(slot + 1, 0, key.width);
                    continue;
                }
                slot[0] = valid_byte;
                EncodeValue<T>(data[r], slot + 1);
                if constexpr (std::is_same_v<T, StringView>) {
                    if (data[r].size() > kStringPrefix) *has_long_strings = true;
                }
                if (!key.ascending) {
                    for (size_t i = 1; i <= key.width; ++i) slot[i] = static_cast<uint8_t>(~slot[i]);
                }
            }
        });
    }
}

int SortKeyEncoder::CompareRows(const std::vector<const Column*>& keys_a, size_t a,
                                const std::vector<const Column*>& keys_b, size_t b) const {
    for (size_t k = 0; k < keys_.size(); ++k) {
        const Key& key = keys_[k];
        const Column& column_a = *keys_a[k];
        const Column& column_b = *keys_b[k];
        bool null_a = key.width == 0 || !column_a.validity().IsValid(a);
        bool null_b = key.width == 0 || !column_b.validity().IsValid(b);
        if (null_a || null_b) {
            if (null_a == null_b) continue;
            return null_a == key.nulls_first ? -1 : 1;
        }
        int order = DispatchPhysical(key.type.physical(), [&]<typename T>() {
            return CompareValues<T>(column_a.Data<T>()[a], column_b.Data<T>()[b]);
        });
        if (order != 0) return key.ascending ? order : -order;
    }
    return 0;
}

}  // namespace flashlake::exec

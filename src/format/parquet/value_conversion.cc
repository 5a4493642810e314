#include "format/parquet/value_conversion.h"

#include <cstring>

#include "format/parquet/value_decoder.h"
#include "types/date_time.h"
#include "types/int128.h"
#include "types/string_view.h"

namespace flashlake::format::parquet {

namespace {

// Julian day number of 1970-01-01.
constexpr int64_t kJulianEpochDay = 2440588;

template <typename In, typename Out, typename Fn>
void Map(const void* in, void* out, size_t count, Fn fn) {
    const In* source = static_cast<const In*>(in);
    Out* target = static_cast<Out*>(out);
    for (size_t i = 0; i < count; ++i) target[i] = fn(source[i]);
}

int64_t FloorDiv(int64_t value, int64_t divisor) {
    int64_t quotient = value / divisor;
    if (value % divisor < 0) --quotient;
    return quotient;
}

int64_t Int96ToMicros(const Int96& value) {
    int64_t nanos;
    int32_t julian_day;
    std::memcpy(&nanos, value.bytes, 8);
    std::memcpy(&julian_day, value.bytes + 8, 4);
    // Wrapping arithmetic: a garbage day must give a garbage value, not undefined behaviour.
    uint64_t day_micros = static_cast<uint64_t>(julian_day - kJulianEpochDay) * date_time::kMicrosPerDay;
    return static_cast<int64_t>(day_micros + static_cast<uint64_t>(FloorDiv(nanos, 1000)));
}

// Big-endian two's complement of any length; false when it does not fit 128 bits.
bool BigEndianToInt128(const StringView& bytes, int128_t* out) {
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t size = bytes.size();
    if (size == 0) {
        *out = 0;
        return true;
    }
    const bool negative = (data[0] & 0x80) != 0;
    // Leading bytes beyond 16 must be pure sign extension.
    while (size > 16) {
        if (data[0] != (negative ? 0xff : 0x00)) return false;
        ++data;
        --size;
    }
    if (((data[0] & 0x80) != 0) != negative) return false;
    uint128_t value = negative ? ~uint128_t{0} : 0;
    for (size_t i = 0; i < size; ++i) value = (value << 8) | data[i];
    *out = static_cast<int128_t>(value);
    return true;
}

void FormatUuid(const uint8_t* bytes, char* text) {
    static constexpr char kHex[] = "0123456789abcdef";
    int position = 0;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text[position++] = '-';
        text[position++] = kHex[bytes[i] >> 4];
        text[position++] = kHex[bytes[i] & 15];
    }
}

}  // namespace

float HalfToFloat(uint16_t half) {
    uint32_t sign = static_cast<uint32_t>(half & 0x8000) << 16;
    uint32_t exponent = (half >> 10) & 0x1f;
    uint32_t mantissa = half & 0x3ff;
    uint32_t bits;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000 | (mantissa << 13);  // infinity or NaN
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;  // signed zero
    } else {
        // Subnormal half: normalise into a float.
        int shift = 0;
        while ((mantissa & 0x400) == 0) {
            mantissa <<= 1;
            ++shift;
        }
        mantissa &= 0x3ff;
        bits = sign | (static_cast<uint32_t>(113 - shift) << 23) | (mantissa << 13);
    }
    float value;
    std::memcpy(&value, &bits, 4);
    return value;
}

size_t DecodedValueSize(PhysicalKind kind) {
    switch (kind) {
        case PhysicalKind::kBoolean:
            return 1;
        case PhysicalKind::kInt32:
        case PhysicalKind::kFloat:
            return 4;
        case PhysicalKind::kInt64:
        case PhysicalKind::kDouble:
            return 8;
        case PhysicalKind::kInt96:
            return sizeof(Int96);
        case PhysicalKind::kByteArray:
        case PhysicalKind::kFixedLenByteArray:
            return sizeof(StringView);
    }
    return 1;
}

Status ConvertValues(const LeafColumn& leaf, const void* in, void* out, size_t count, StringHeap* heap) {
    const bool from_int32 = leaf.physical == PhysicalKind::kInt32;
    switch (leaf.conversion) {
        case Conversion::kNone:
            break;
        case Conversion::kInt32ToInt8:
            Map<int32_t, int8_t>(in, out, count, [](int32_t v) { return int8_t(v); });
            return Status::OK();
        case Conversion::kInt32ToInt16:
            Map<int32_t, int16_t>(in, out, count, [](int32_t v) { return int16_t(v); });
            return Status::OK();
        case Conversion::kUint8ToInt16:
            Map<int32_t, int16_t>(in, out, count, [](int32_t v) { return int16_t(uint8_t(v)); });
            return Status::OK();
        case Conversion::kUint16ToInt32:
            Map<int32_t, int32_t>(in, out, count, [](int32_t v) { return int32_t(uint16_t(v)); });
            return Status::OK();
        case Conversion::kUint32ToInt64:
            Map<int32_t, int64_t>(in, out, count, [](int32_t v) { return int64_t(uint32_t(v)); });
            return Status::OK();
        case Conversion::kInt32ToInt64:
            Map<int32_t, int64_t>(in, out, count, [](int32_t v) { return int64_t(v); });
            return Status::OK();
        case Conversion::kInt64ToInt128:
            Map<int64_t, int128_t>(in, out, count, [](int64_t v) { return int128_t(v); });
            return Status::OK();
        case Conversion::kUint64ToInt128:
            Map<int64_t, int128_t>(in, out, count, [](int64_t v) { return int128_t(uint64_t(v)); });
            return Status::OK();
        case Conversion::kMillisToMicros:
            if (from_int32) {
                Map<int32_t, int64_t>(in, out, count, [](int32_t v) { return int64_t(v) * 1000; });
            } else {
                Map<int64_t, int64_t>(in, out, count, [](int64_t v) { return int64_t(uint64_t(v) * 1000); });
            }
            return Status::OK();
        case Conversion::kNanosToMicros:
            Map<int64_t, int64_t>(in, out, count, [](int64_t v) { return FloorDiv(v, 1000); });
            return Status::OK();
        case Conversion::kInt96ToMicros:
            Map<Int96, int64_t>(in, out, count, Int96ToMicros);
            return Status::OK();
        case Conversion::kFloat16ToFloat:
            Map<StringView, float>(in, out, count, [](const StringView& v) {
                uint16_t half;
                std::memcpy(&half, v.data(), 2);
                return HalfToFloat(half);
            });
            return Status::OK();
        case Conversion::kBytesToDecimal64:
        case Conversion::kBytesToDecimal128: {
            const auto* source = static_cast<const StringView*>(in);
            const bool wide = leaf.conversion == Conversion::kBytesToDecimal128;
            for (size_t i = 0; i < count; ++i) {
                int128_t value;
                if (!BigEndianToInt128(source[i], &value) || (!wide && (value > INT64_MAX || value < INT64_MIN))) {
                    return Status::Corruption("column '" + leaf.name + "': DECIMAL value of " +
                                              std::to_string(source[i].size()) + " bytes does not fit " +
                                              leaf.type.ToString());
                }
                if (wide) {
                    std::memcpy(static_cast<int128_t*>(out) + i, &value, sizeof(value));
                } else {
                    static_cast<int64_t*>(out)[i] = static_cast<int64_t>(value);
                }
            }
            return Status::OK();
        }
        case Conversion::kUuidToString: {
            const auto* source = static_cast<const StringView*>(in);
            auto* target = static_cast<StringView*>(out);
            char text[36];
            for (size_t i = 0; i < count; ++i) {
                FormatUuid(reinterpret_cast<const uint8_t*>(source[i].data()), text);
                target[i] = heap->Add(std::string_view(text, 36));
            }
            return Status::OK();
        }
    }
    return Status::Internal("ConvertValues called without a conversion");
}

}  // namespace flashlake::format::parquet

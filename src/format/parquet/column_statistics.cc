#include "format/parquet/column_statistics.h"

#include <cmath>
#include <cstring>

#include "column/column.h"
#include "format/parquet/value_conversion.h"
#include "format/parquet/value_decoder.h"
#include "types/cast.h"

namespace flashlake::format::parquet {

namespace {

bool IsNan(const Value& value) {
    return value.type().IsFloating() && std::isnan(value.GetDouble());
}

template <typename T>
std::string Bytes(T value) {
    return std::string(reinterpret_cast<const char*>(&value), sizeof(T));
}

std::string BigEndian(int128_t value, int32_t width) {
    std::string out(static_cast<size_t>(width), '\0');
    auto bits = static_cast<uint128_t>(value);
    for (int32_t i = width - 1; i >= 0; --i) {
        out[static_cast<size_t>(i)] = static_cast<char>(bits & 0xff);
        bits = static_cast<uint128_t>(static_cast<int128_t>(bits) >> 8);
    }
    return out;
}

std::optional<std::string> EncodeInt32(const LeafColumn& leaf, const Value& value) {
    int128_t v = value.GetInt128();
    switch (leaf.conversion) {
        case Conversion::kNone:
        case Conversion::kInt32ToInt8:
        case Conversion::kInt32ToInt16:
        case Conversion::kInt32ToInt64:
            break;
        case Conversion::kUint8ToInt16:
        case Conversion::kUint16ToInt32:
        case Conversion::kUint32ToInt64:
            if (v < 0 || v > UINT32_MAX) return std::nullopt;
            return Bytes(static_cast<uint32_t>(v));
        case Conversion::kMillisToMicros:
            if (v % 1000 != 0) return std::nullopt;
            v /= 1000;
            break;
        default:
            return std::nullopt;
    }
    if (v < INT32_MIN || v > INT32_MAX) return std::nullopt;
    return Bytes(static_cast<int32_t>(v));
}

std::optional<std::string> EncodeInt64(const LeafColumn& leaf, const Value& value) {
    int128_t v = value.GetInt128();
    switch (leaf.conversion) {
        case Conversion::kNone:
        case Conversion::kInt64ToInt128:
            break;
        case Conversion::kUint64ToInt128:
            if (v < 0 || v > static_cast<int128_t>(UINT64_MAX)) return std::nullopt;
            return Bytes(static_cast<uint64_t>(v));
        case Conversion::kMillisToMicros:
            if (v % 1000 != 0) return std::nullopt;
            v /= 1000;
            break;
        case Conversion::kNanosToMicros:
            v *= 1000;
            break;
        default:
            return std::nullopt;
    }
    if (v < INT64_MIN || v > INT64_MAX) return std::nullopt;
    return Bytes(static_cast<int64_t>(v));
}

}  // namespace

Result<Value> DecodeStatisticsValue(const LeafColumn& leaf, const std::string& bytes) {
    alignas(16) uint8_t physical[sizeof(Int96) > sizeof(StringView) ? sizeof(Int96) : sizeof(StringView)] = {};
    size_t width = 0;
    switch (leaf.physical) {
        case PhysicalKind::kBoolean:
            width = 1;
            break;
        case PhysicalKind::kInt32:
        case PhysicalKind::kFloat:
            width = 4;
            break;
        case PhysicalKind::kInt64:
        case PhysicalKind::kDouble:
            width = 8;
            break;
        case PhysicalKind::kInt96:
            return Status::NotSupported("INT96 statistics have no defined order");
        case PhysicalKind::kFixedLenByteArray:
            if (leaf.conversion != Conversion::kNone && bytes.size() != static_cast<size_t>(leaf.type_length)) {
                return Status::Corruption("statistics value of " + std::to_string(bytes.size()) + " bytes for " +
                                          leaf.name);
            }
            [[fallthrough]];
        case PhysicalKind::kByteArray: {
            StringView view(bytes.data(), static_cast<uint32_t>(bytes.size()));
            std::memcpy(physical, &view, sizeof(view));
            break;
        }
    }
    if (width > 0) {
        if (bytes.size() < width) {
            return Status::Corruption("statistics value of " + std::to_string(bytes.size()) + " bytes for " +
                                      leaf.name);
        }
        std::memcpy(physical, bytes.data(), width);
    }
    ColumnPtr column = Column::MakeFlat(leaf.type, 1);
    if (leaf.conversion == Conversion::kNone) {
        if (leaf.type.physical() == PhysicalType::kString) {
            column->MutableData<StringView>()[0] = column->strings().Add(bytes);
        } else {
            std::memcpy(column->MutableData<char>(), physical, PhysicalTypeSize(leaf.type.physical()));
        }
    } else {
        FL_RETURN_NOT_OK(ConvertValues(leaf, physical, column->MutableData<char>(), 1, &column->strings()));
    }
    return column->GetValue(0);
}

ColumnStatistics ConvertStatistics(const LeafColumn& leaf, const Statistics& stats, int64_t num_values,
                                   bool type_defined_order) {
    ColumnStatistics out;
    out.num_values = num_values;
    out.null_count = stats.null_count;
    out.distinct_count = stats.distinct_count;
    if (!type_defined_order || leaf.sort_order == SortOrder::kUnknown) return out;
    const std::string* min = nullptr;
    const std::string* max = nullptr;
    if (stats.min_value || stats.max_value) {
        if (stats.min_value) min = &*stats.min_value;
        if (stats.max_value) max = &*stats.max_value;
        out.min_exact = stats.is_min_value_exact.value_or(true);
        out.max_exact = stats.is_max_value_exact.value_or(true);
    } else if (leaf.sort_order == SortOrder::kSigned && leaf.physical != PhysicalKind::kByteArray &&
               leaf.physical != PhysicalKind::kFixedLenByteArray) {
        // The deprecated fields were written in signed order, right only for signed types.
        if (stats.min) min = &*stats.min;
        if (stats.max) max = &*stats.max;
    }
    if (min) {
        Result<Value> value = DecodeStatisticsValue(leaf, *min);
        if (value.ok()) out.min = std::move(value).value();
    }
    if (max) {
        Result<Value> value = DecodeStatisticsValue(leaf, *max);
        if (value.ok()) out.max = std::move(value).value();
    }
    // NaN bounds say nothing useful about the other values.
    if ((out.min && IsNan(*out.min)) || (out.max && IsNan(*out.max))) {
        out.min.reset();
        out.max.reset();
    }
    return out;
}

std::optional<Value> ExactValueOfType(const LeafColumn& leaf, const Value& value) {
    if (value.is_null()) return std::nullopt;
    if (value.type() == leaf.type) return value;
    Result<Value> cast = CastValue(value, leaf.type, true);
    if (!cast.ok()) return std::nullopt;
    Result<Value> back = CastValue(*cast, value.type(), true);
    if (!back.ok() || back->is_null() || back->Compare(value) != 0) return std::nullopt;
    return std::move(cast).value();
}

std::optional<std::string> EncodePhysicalValue(const LeafColumn& leaf, const Value& value) {
    std::optional<Value> exact = ExactValueOfType(leaf, value);
    if (!exact) return std::nullopt;
    switch (leaf.physical) {
        case PhysicalKind::kBoolean:
            return Bytes(static_cast<uint8_t>(exact->GetBool() ? 1 : 0));
        case PhysicalKind::kInt32:
            return EncodeInt32(leaf, *exact);
        case PhysicalKind::kInt64:
            return EncodeInt64(leaf, *exact);
        case PhysicalKind::kFloat:
            return Bytes(exact->GetFloat());
        case PhysicalKind::kDouble:
            return Bytes(exact->GetDouble());
        case PhysicalKind::kByteArray:
            if (leaf.conversion != Conversion::kNone) return std::nullopt;
            return exact->GetString();
        case PhysicalKind::kFixedLenByteArray:
            if (leaf.conversion == Conversion::kBytesToDecimal64 || leaf.conversion == Conversion::kBytesToDecimal128) {
                return BigEndian(exact->GetInt128(), leaf.type_length);
            }
            if (leaf.conversion != Conversion::kNone ||
                exact->GetString().size() != static_cast<size_t>(leaf.type_length)) {
                return std::nullopt;
            }
            return exact->GetString();
        case PhysicalKind::kInt96:
            return std::nullopt;
    }
    return std::nullopt;
}

bool StatisticsMayMatch(const LeafColumn& leaf, const ColumnStatistics& stats, const ColumnPredicate& predicate) {
    switch (predicate.op) {
        case CompareOp::kIsNull:
            return !stats.null_count || *stats.null_count > 0;
        case CompareOp::kIsNotNull:
            return !stats.null_count || *stats.null_count < stats.num_values;
        default:
            break;
    }
    if (stats.null_count && stats.num_values > 0 && *stats.null_count >= stats.num_values) return false;
    std::optional<Value> value = ExactValueOfType(leaf, predicate.value);
    if (!value || IsNan(*value)) return true;
    const bool has_min = stats.min.has_value();
    const bool has_max = stats.max.has_value();
    switch (predicate.op) {
        case CompareOp::kEqual:
            return !(has_min && value->Compare(*stats.min) < 0) && !(has_max && value->Compare(*stats.max) > 0);
        case CompareOp::kNotEqual:
            return !(has_min && has_max && stats.min_exact && stats.max_exact && stats.min->Compare(*value) == 0 &&
                     stats.max->Compare(*value) == 0);
        case CompareOp::kLess:
            return !has_min || stats.min->Compare(*value) < 0;
        case CompareOp::kLessEqual:
            return !has_min || stats.min->Compare(*value) <= 0;
        case CompareOp::kGreater:
            return !has_max || stats.max->Compare(*value) > 0;
        case CompareOp::kGreaterEqual:
            return !has_max || stats.max->Compare(*value) >= 0;
        default:
            return true;
    }
}

}  // namespace flashlake::format::parquet

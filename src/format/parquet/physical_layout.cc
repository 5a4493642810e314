// The Parquet form of Flashlake types on write (declared in column_chunk_writer.h).

#include "format/parquet/column_chunk_writer.h"

namespace flashlake::format::parquet {

namespace {

using Kind = LogicalTypeAnnotation::Kind;

LogicalTypeAnnotation Annotation(Kind kind) {
    LogicalTypeAnnotation annotation;
    annotation.kind = kind;
    return annotation;
}

LogicalTypeAnnotation IntegerAnnotation(int bits) {
    LogicalTypeAnnotation annotation = Annotation(Kind::kInteger);
    annotation.bit_width = static_cast<int8_t>(bits);
    annotation.is_signed = true;
    return annotation;
}

// Bytes of the smallest two's complement big-endian integer holding `precision` decimal digits.
int32_t DecimalBytes(int precision) {
    int32_t bytes = 1;
    // 2^(8 bytes - 1) > 10^precision
    while (static_cast<double>(bytes * 8 - 1) * 0.30102999566398 < precision) ++bytes;
    return bytes;
}

}  // namespace

Result<PhysicalLayout> LayoutForType(const LogicalType& type) {
    PhysicalLayout layout;
    switch (type.id()) {
        case TypeId::kBoolean:
            layout.physical = PhysicalKind::kBoolean;
            return layout;
        case TypeId::kTinyInt:
        case TypeId::kSmallInt: {
            int bits = type.id() == TypeId::kTinyInt ? 8 : 16;
            layout.physical = PhysicalKind::kInt32;
            layout.logical = IntegerAnnotation(bits);
            layout.converted = bits == 8 ? ConvertedType::kInt8 : ConvertedType::kInt16;
            return layout;
        }
        case TypeId::kInt:
            layout.physical = PhysicalKind::kInt32;
            return layout;
        case TypeId::kBigInt:
            layout.physical = PhysicalKind::kInt64;
            return layout;
        case TypeId::kLargeInt:
            // Parquet has no 128-bit integer: DECIMAL(38,0) in 16 bytes holds every LARGEINT that
            // Flashlake produces from integer arithmetic and reads back as DECIMAL(38,0).
            layout.physical = PhysicalKind::kFixedLenByteArray;
            layout.type_length = 16;
            layout.logical = Annotation(Kind::kDecimal);
            layout.logical->decimal_precision = 38;
            layout.logical->decimal_scale = 0;
            layout.converted = ConvertedType::kDecimal;
            layout.precision = 38;
            layout.scale = 0;
            return layout;
        case TypeId::kFloat:
            layout.physical = PhysicalKind::kFloat;
            return layout;
        case TypeId::kDouble:
            layout.physical = PhysicalKind::kDouble;
            return layout;
        case TypeId::kDecimal:
            if (type.precision() <= 9) {
                layout.physical = PhysicalKind::kInt32;
            } else if (type.precision() <= kMaxDecimal64Precision) {
                layout.physical = PhysicalKind::kInt64;
            } else {
                layout.physical = PhysicalKind::kFixedLenByteArray;
                layout.type_length = DecimalBytes(type.precision());
            }
            layout.logical = Annotation(Kind::kDecimal);
            layout.logical->decimal_precision = type.precision();
            layout.logical->decimal_scale = type.scale();
            layout.converted = ConvertedType::kDecimal;
            layout.precision = type.precision();
            layout.scale = type.scale();
            return layout;
        case TypeId::kDate:
            layout.physical = PhysicalKind::kInt32;
            layout.logical = Annotation(Kind::kDate);
            layout.converted = ConvertedType::kDate;
            return layout;
        case TypeId::kDateTime:
            // A DATETIME has no time zone: TIMESTAMP(MICROS) not adjusted to UTC, and no
            // converted type (TIMESTAMP_MICROS would claim UTC).
            layout.physical = PhysicalKind::kInt64;
            layout.logical = Annotation(Kind::kTimestamp);
            layout.logical->unit = TimeUnit::kMicros;
            layout.logical->adjusted_to_utc = false;
            return layout;
        case TypeId::kVarchar:
            layout.physical = PhysicalKind::kByteArray;
            layout.logical = Annotation(Kind::kString);
            layout.converted = ConvertedType::kUtf8;
            return layout;
        case TypeId::kJson:
            layout.physical = PhysicalKind::kByteArray;
            layout.logical = Annotation(Kind::kJson);
            layout.converted = ConvertedType::kJson;
            return layout;
        case TypeId::kVarbinary:
        case TypeId::kBitmap:
        case TypeId::kHll:
            layout.physical = PhysicalKind::kByteArray;
            return layout;
        case TypeId::kNull:
        case TypeId::kArray:
            break;
    }
    return Status::NotSupported("Parquet writer: type " + type.ToString() + " is not supported");
}

}  // namespace flashlake::format::parquet

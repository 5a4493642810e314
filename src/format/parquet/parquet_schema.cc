#include "format/parquet/parquet_schema.h"

namespace flashlake::format::parquet {

namespace {

using Kind = LogicalTypeAnnotation::Kind;

constexpr int kMaxSchemaDepth = 128;

// The annotation of a leaf as one description: the LogicalType union when it names a type this
// reader knows, otherwise the legacy ConvertedType translated to the same terms.
LogicalTypeAnnotation EffectiveAnnotation(const SchemaElement& element) {
    if (element.logical_type && element.logical_type->kind != Kind::kNone) return *element.logical_type;
    LogicalTypeAnnotation annotation;
    if (!element.converted_type) return annotation;
    auto integer = [&](int bits, bool is_signed) {
        annotation.kind = Kind::kInteger;
        annotation.bit_width = static_cast<int8_t>(bits);
        annotation.is_signed = is_signed;
    };
    auto temporal = [&](Kind kind, TimeUnit unit) {
        annotation.kind = kind;
        annotation.unit = unit;
        annotation.adjusted_to_utc = true;  // the legacy types were defined as UTC instants
    };
    switch (*element.converted_type) {
        case ConvertedType::kUtf8:
            annotation.kind = Kind::kString;
            break;
        case ConvertedType::kEnum:
            annotation.kind = Kind::kEnum;
            break;
        case ConvertedType::kJson:
            annotation.kind = Kind::kJson;
            break;
        case ConvertedType::kBson:
            annotation.kind = Kind::kBson;
            break;
        case ConvertedType::kDate:
            annotation.kind = Kind::kDate;
            break;
        case ConvertedType::kDecimal:
            annotation.kind = Kind::kDecimal;
            annotation.decimal_precision = element.precision.value_or(0);
            annotation.decimal_scale = element.scale.value_or(0);
            break;
        case ConvertedType::kTimeMillis:
            temporal(Kind::kTime, TimeUnit::kMillis);
            break;
        case ConvertedType::kTimeMicros:
            temporal(Kind::kTime, TimeUnit::kMicros);
            break;
        case ConvertedType::kTimestampMillis:
            temporal(Kind::kTimestamp, TimeUnit::kMillis);
            break;
        case ConvertedType::kTimestampMicros:
            temporal(Kind::kTimestamp, TimeUnit::kMicros);
            break;
        case ConvertedType::kUint8:
            integer(8, false);
            break;
        case ConvertedType::kUint16:
            integer(16, false);
            break;
        case ConvertedType::kUint32:
            integer(32, false);
            break;
        case ConvertedType::kUint64:
            integer(64, false);
            break;
        case ConvertedType::kInt8:
            integer(8, true);
            break;
        case ConvertedType::kInt16:
            integer(16, true);
            break;
        case ConvertedType::kInt32:
            integer(32, true);
            break;
        case ConvertedType::kInt64:
            integer(64, true);
            break;
        default:
            break;  // MAP, LIST, INTERVAL: nothing a leaf reads differently
    }
    return annotation;
}

void Unsupported(LeafColumn* leaf, std::string reason) {
    leaf->supported = false;
    leaf->unsupported_reason = "column '" + leaf->name + "': " + std::move(reason);
}

void ResolveDecimal(const LogicalTypeAnnotation& annotation, LeafColumn* leaf) {
    int precision = annotation.decimal_precision;
    int scale = annotation.decimal_scale;
    if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
        Unsupported(leaf, "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) +
                              ") is outside DECIMAL(1..38, 0..p)");
        return;
    }
    leaf->type = LogicalType::Decimal(precision, scale);
    leaf->sort_order = SortOrder::kSigned;
    const bool wide = precision > kMaxDecimal64Precision;
    switch (leaf->physical) {
        case PhysicalKind::kInt32:
            leaf->conversion = Conversion::kInt32ToInt64;
            break;
        case PhysicalKind::kInt64:
            leaf->conversion = wide ? Conversion::kInt64ToInt128 : Conversion::kNone;
            break;
        case PhysicalKind::kFixedLenByteArray:
        case PhysicalKind::kByteArray:
            leaf->conversion = wide ? Conversion::kBytesToDecimal128 : Conversion::kBytesToDecimal64;
            if (leaf->physical == PhysicalKind::kFixedLenByteArray &&
                (leaf->type_length < 1 || leaf->type_length > 16)) {
                Unsupported(leaf, "DECIMAL in FIXED_LEN_BYTE_ARRAY(" + std::to_string(leaf->type_length) + ")");
            }
            break;
        default:
            Unsupported(leaf, std::string("DECIMAL over ") + PhysicalKindName(leaf->physical));
    }
}

void ResolveInt32(const LogicalTypeAnnotation& annotation, LeafColumn* leaf) {
    leaf->sort_order = SortOrder::kSigned;
    switch (annotation.kind) {
        case Kind::kInteger: {
            if (!annotation.is_signed) leaf->sort_order = SortOrder::kUnsigned;
            // Unsigned values widen to the next signed type so that every value stays exact.
            struct Mapping {
                int bits;
                bool is_signed;
                LogicalType type;
                Conversion conversion;
            };
            const Mapping mappings[] = {
                {8, true, LogicalType::TinyInt(), Conversion::kInt32ToInt8},
                {16, true, LogicalType::SmallInt(), Conversion::kInt32ToInt16},
                {32, true, LogicalType::Int(), Conversion::kNone},
                {8, false, LogicalType::SmallInt(), Conversion::kUint8ToInt16},
                {16, false, LogicalType::Int(), Conversion::kUint16ToInt32},
                {32, false, LogicalType::BigInt(), Conversion::kUint32ToInt64},
            };
            for (const Mapping& mapping : mappings) {
                if (mapping.bits == annotation.bit_width && mapping.is_signed == annotation.is_signed) {
                    leaf->type = mapping.type;
                    leaf->conversion = mapping.conversion;
                    return;
                }
            }
            Unsupported(leaf, "INT(" + std::to_string(annotation.bit_width) + ") over INT32");
            return;
        }
        case Kind::kDate:
            leaf->type = LogicalType::Date();
            return;
        case Kind::kDecimal:
            ResolveDecimal(annotation, leaf);
            return;
        case Kind::kTime:
            // Flashlake has no TIME type: microseconds since midnight as BIGINT.
            leaf->type = LogicalType::BigInt();
            leaf->conversion = Conversion::kMillisToMicros;
            return;
        default:
            leaf->type = LogicalType::Int();
            return;
    }
}

void ResolveInt64(const LogicalTypeAnnotation& annotation, LeafColumn* leaf) {
    leaf->sort_order = SortOrder::kSigned;
    leaf->type = LogicalType::BigInt();
    auto by_unit = [&](TimeUnit unit) {
        if (unit == TimeUnit::kMillis) leaf->conversion = Conversion::kMillisToMicros;
        if (unit == TimeUnit::kNanos) leaf->conversion = Conversion::kNanosToMicros;
    };
    switch (annotation.kind) {
        case Kind::kInteger:
            if (annotation.bit_width != 64) {
                Unsupported(leaf, "INT(" + std::to_string(annotation.bit_width) + ") over INT64");
            } else if (!annotation.is_signed) {
                // LARGEINT keeps every UINT64 value exact (BIGINT would wrap values >= 2^63).
                leaf->type = LogicalType::LargeInt();
                leaf->conversion = Conversion::kUint64ToInt128;
                leaf->sort_order = SortOrder::kUnsigned;
            }
            return;
        case Kind::kDecimal:
            ResolveDecimal(annotation, leaf);
            return;
        case Kind::kTimestamp:
            leaf->type = LogicalType::DateTime();
            by_unit(annotation.unit);
            return;
        case Kind::kTime:
            by_unit(annotation.unit);
            return;
        default:
            return;
    }
}

void ResolveBinary(const SchemaOptions& options, const LogicalTypeAnnotation& annotation, LeafColumn* leaf) {
    leaf->sort_order = SortOrder::kUnsigned;
    const bool fixed = leaf->physical == PhysicalKind::kFixedLenByteArray;
    switch (annotation.kind) {
        case Kind::kString:
        case Kind::kEnum:
            leaf->type = LogicalType::Varchar();
            return;
        case Kind::kJson:
            leaf->type = LogicalType::Json();
            return;
        case Kind::kDecimal:
            ResolveDecimal(annotation, leaf);
            return;
        case Kind::kUuid:
            if (fixed && leaf->type_length == 16) {
                leaf->type = LogicalType::Varchar();
                leaf->conversion = Conversion::kUuidToString;
            } else {
                Unsupported(leaf, "UUID must be FIXED_LEN_BYTE_ARRAY(16)");
            }
            return;
        case Kind::kFloat16:
            if (fixed && leaf->type_length == 2) {
                leaf->type = LogicalType::Float();
                leaf->conversion = Conversion::kFloat16ToFloat;
                leaf->sort_order = SortOrder::kSigned;
            } else {
                Unsupported(leaf, "FLOAT16 must be FIXED_LEN_BYTE_ARRAY(2)");
            }
            return;
        default:
            leaf->type = options.binary_as_string ? LogicalType::Varchar() : LogicalType::Varbinary();
            if (leaf->element.converted_type == ConvertedType::kInterval) leaf->sort_order = SortOrder::kUnknown;
            return;
    }
}

struct Builder {
    const std::vector<SchemaElement>& elements;
    const SchemaOptions& options;
    std::vector<LeafColumn>* leaves;
    size_t next = 1;  // element 0 is the root
    std::vector<std::string> path;

    Status Visit(int depth, int16_t definition, int16_t repetition) {
        if (next >= elements.size()) return Status::Corruption("schema: a group has more children than elements");
        if (depth > kMaxSchemaDepth) return Status::Corruption("schema: nested deeper than 128 levels");
        const SchemaElement& element = elements[next++];
        Repetition repetition_type = element.repetition_type.value_or(Repetition::kOptional);
        if (repetition_type == Repetition::kOptional || repetition_type == Repetition::kRepeated) ++definition;
        if (repetition_type == Repetition::kRepeated) ++repetition;
        path.push_back(element.name);
        int32_t children = element.num_children.value_or(0);
        if (children < 0) return Status::Corruption("schema: element '" + element.name + "' has negative children");
        if (children > 0 || !element.type) {
            // A group (possibly empty).
            for (int32_t i = 0; i < children; ++i) FL_RETURN_NOT_OK(Visit(depth + 1, definition, repetition));
        } else {
            FL_RETURN_NOT_OK(AddLeaf(element, definition, repetition));
        }
        path.pop_back();
        return Status::OK();
    }

    Status AddLeaf(const SchemaElement& element, int16_t definition, int16_t repetition) {
        LeafColumn& leaf = leaves->emplace_back();
        leaf.index = static_cast<int>(leaves->size() - 1);
        leaf.path = path;
        for (size_t i = 0; i < path.size(); ++i) leaf.name += (i > 0 ? "." : "") + path[i];
        leaf.physical = *element.type;
        if (static_cast<int32_t>(leaf.physical) < 0 || static_cast<int32_t>(leaf.physical) > 7) {
            return Status::Corruption("schema: column '" + leaf.name + "' has unknown physical type " +
                                      std::to_string(static_cast<int32_t>(leaf.physical)));
        }
        leaf.type_length = element.type_length.value_or(0);
        if (leaf.physical == PhysicalKind::kFixedLenByteArray && leaf.type_length <= 0) {
            return Status::Corruption("schema: FIXED_LEN_BYTE_ARRAY column '" + leaf.name + "' has length " +
                                      std::to_string(leaf.type_length));
        }
        leaf.max_definition_level = definition;
        leaf.max_repetition_level = repetition;
        leaf.element = element;
        ResolveLeafType(options, &leaf);
        if (repetition > 0 && leaf.supported) {
            Unsupported(&leaf, "repeated fields (LIST, MAP) are not supported yet; read the other columns");
        }
        return Status::OK();
    }
};

}  // namespace

void ResolveLeafType(const SchemaOptions& options, LeafColumn* leaf) {
    LogicalTypeAnnotation annotation = EffectiveAnnotation(leaf->element);
    leaf->conversion = Conversion::kNone;
    switch (leaf->physical) {
        case PhysicalKind::kBoolean:
            leaf->type = LogicalType::Boolean();
            leaf->sort_order = SortOrder::kSigned;
            return;
        case PhysicalKind::kInt32:
            ResolveInt32(annotation, leaf);
            return;
        case PhysicalKind::kInt64:
            ResolveInt64(annotation, leaf);
            return;
        case PhysicalKind::kInt96:
            leaf->type = LogicalType::DateTime();
            leaf->conversion = Conversion::kInt96ToMicros;
            leaf->sort_order = SortOrder::kUnknown;
            return;
        case PhysicalKind::kFloat:
            leaf->type = LogicalType::Float();
            leaf->sort_order = SortOrder::kSigned;
            return;
        case PhysicalKind::kDouble:
            leaf->type = LogicalType::Double();
            leaf->sort_order = SortOrder::kSigned;
            return;
        case PhysicalKind::kByteArray:
        case PhysicalKind::kFixedLenByteArray:
            ResolveBinary(options, annotation, leaf);
            return;
    }
}

Result<ParquetSchema> ParquetSchema::Make(const std::vector<SchemaElement>& elements, const SchemaOptions& options) {
    if (elements.empty()) return Status::Corruption("schema: no elements");
    ParquetSchema schema;
    Builder builder{elements, options, &schema.leaves_, 1, {}};
    int32_t root_children = elements[0].num_children.value_or(0);
    if (root_children < 0) return Status::Corruption("schema: root has negative children");
    for (int32_t i = 0; i < root_children; ++i) FL_RETURN_NOT_OK(builder.Visit(1, 0, 0));
    if (builder.next != elements.size()) {
        return Status::Corruption("schema: " + std::to_string(elements.size() - builder.next) +
                                  " elements are not reachable from the root");
    }
    return schema;
}

int ParquetSchema::FindLeaf(std::string_view name) const {
    for (const LeafColumn& leaf : leaves_) {
        if (leaf.name == name) return leaf.index;
    }
    return -1;
}

}  // namespace flashlake::format::parquet

#pragma once

// Helpers shared by the metadata decoders (metadata_decode.cc, page_metadata_decode.cc): struct
// and list walking over a ThriftCompactReader with required-field checks and error context.

#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/thrift_compact.h"

namespace flashlake::format::parquet::thrift_decode {

using Reader = ThriftCompactReader;

// Reads one struct, calling on_field(field) for each field; on_field skips what it does not know.
// `required` lists (as bits of field ids < 32) the fields that must be present.
template <typename OnField>
Status ReadStruct(Reader& in, const char* name, uint32_t required, OnField&& on_field) {
    Status status = [&]() -> Status {
        FL_RETURN_NOT_OK(in.BeginStruct());
        uint32_t seen = 0;
        while (true) {
            ThriftField field;
            FL_RETURN_NOT_OK(in.ReadFieldHeader(&field));
            if (field.type == ThriftType::kStop) break;
            Status status = on_field(field);
            if (!status.ok()) {
                // A known field id with an unexpected wire type (an old or foreign writer's
                // field): skip it like an unknown field instead of misreading it.
                if (!in.TakeTypeMismatch()) return status;
                FL_RETURN_NOT_OK(in.Skip(field.type));
                continue;
            }
            if (field.id < 32) seen |= uint32_t{1} << field.id;
        }
        uint32_t missing = required & ~seen;
        if (missing != 0) {
            return Status::Corruption("missing required field " + std::to_string(__builtin_ctz(missing)));
        }
        return in.EndStruct();
    }();
    return status.WithContext(name);
}

// Reads a list field, calling on_element(element_type) once per element.
template <typename OnElement>
Status ReadList(Reader& in, const ThriftField& field, OnElement&& on_element) {
    FL_RETURN_NOT_OK(in.ExpectType(field, ThriftType::kList));
    ThriftListHeader header;
    FL_RETURN_NOT_OK(in.ReadListHeader(&header));
    for (uint32_t i = 0; i < header.size; ++i) FL_RETURN_NOT_OK(on_element(header.element_type));
    return Status::OK();
}

template <typename Enum>
Status ReadEnum(Reader& in, const ThriftField& field, Enum* out) {
    int32_t value;
    FL_RETURN_NOT_OK(in.ReadI32(field, &value));
    *out = static_cast<Enum>(value);
    return Status::OK();
}

template <typename T>
Status ReadOptionalI32(Reader& in, const ThriftField& field, std::optional<T>* out) {
    int32_t value;
    FL_RETURN_NOT_OK(in.ReadI32(field, &value));
    *out = static_cast<T>(value);
    return Status::OK();
}

inline Status ReadOptionalI64(Reader& in, const ThriftField& field, std::optional<int64_t>* out) {
    int64_t value;
    FL_RETURN_NOT_OK(in.ReadI64(field, &value));
    *out = value;
    return Status::OK();
}

inline Status ReadOptionalBinary(Reader& in, const ThriftField& field, std::optional<std::string>* out) {
    std::string value;
    FL_RETURN_NOT_OK(in.ReadBinary(field, &value));
    *out = std::move(value);
    return Status::OK();
}

inline Status ReadOptionalBool(Reader& in, const ThriftField& field, std::optional<bool>* out) {
    bool value;
    FL_RETURN_NOT_OK(in.ReadBool(field, &value));
    *out = value;
    return Status::OK();
}

// A struct with no fields of interest (the empty members of LogicalType and friends).
inline Status SkipStruct(Reader& in, const ThriftField& field) {
    FL_RETURN_NOT_OK(in.ExpectType(field, ThriftType::kStruct));
    return in.Skip(ThriftType::kStruct);
}

// Statistics appear in column metadata and in page headers.
Status ReadStatistics(Reader& in, Statistics* out);
Status ReadOptionalStatistics(Reader& in, const ThriftField& field, std::optional<Statistics>* out);

}  // namespace flashlake::format::parquet::thrift_decode

// Decoding of the file-level Parquet metadata (FileMetaData and what it contains) from the Thrift
// compact protocol. Each struct is read field by field; unknown fields are skipped (newer writers
// add fields freely), required fields are checked at the end, and every error carries the path of
// structs being decoded.

#include "format/parquet/metadata_codec.h"
#include "format/parquet/thrift_struct_reader.h"

namespace flashlake::format::parquet {

using thrift_decode::ReadEnum;
using thrift_decode::Reader;
using thrift_decode::ReadList;
using thrift_decode::ReadOptionalBinary;
using thrift_decode::ReadOptionalBool;
using thrift_decode::ReadOptionalI32;
using thrift_decode::ReadOptionalI64;
using thrift_decode::ReadOptionalStatistics;
using thrift_decode::ReadStruct;
using thrift_decode::SkipStruct;

namespace thrift_decode {

Status ReadStatistics(Reader& in, Statistics* out) {
    return ReadStruct(in, "Statistics", 0, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return ReadOptionalBinary(in, f, &out->max);
            case 2:
                return ReadOptionalBinary(in, f, &out->min);
            case 3:
                return ReadOptionalI64(in, f, &out->null_count);
            case 4:
                return ReadOptionalI64(in, f, &out->distinct_count);
            case 5:
                return ReadOptionalBinary(in, f, &out->max_value);
            case 6:
                return ReadOptionalBinary(in, f, &out->min_value);
            case 7:
                return ReadOptionalBool(in, f, &out->is_max_value_exact);
            case 8:
                return ReadOptionalBool(in, f, &out->is_min_value_exact);
            default:
                return in.Skip(f.type);
        }
    });
}

Status ReadOptionalStatistics(Reader& in, const ThriftField& f, std::optional<Statistics>* out) {
    FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
    Statistics statistics;
    FL_RETURN_NOT_OK(ReadStatistics(in, &statistics));
    *out = std::move(statistics);
    return Status::OK();
}

}  // namespace thrift_decode

namespace {

Status ReadTimeUnit(Reader& in, TimeUnit* out) {
    return ReadStruct(in, "TimeUnit", 0, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                *out = TimeUnit::kMillis;
                break;
            case 2:
                *out = TimeUnit::kMicros;
                break;
            case 3:
                *out = TimeUnit::kNanos;
                break;
            default:
                return in.Skip(f.type);
        }
        return SkipStruct(in, f);
    });
}

Status ReadTimeOrTimestamp(Reader& in, const char* name, LogicalTypeAnnotation* out) {
    return ReadStruct(in, name, 0b110, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return in.ReadBool(f, &out->adjusted_to_utc);
            case 2:
                FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
                return ReadTimeUnit(in, &out->unit);
            default:
                return in.Skip(f.type);
        }
    });
}

Status ReadLogicalType(Reader& in, LogicalTypeAnnotation* out) {
    using Kind = LogicalTypeAnnotation::Kind;
    return ReadStruct(in, "LogicalType", 0, [&](const ThriftField& f) -> Status {
        static constexpr Kind kEmptyMembers[] = {
            Kind::kNone, Kind::kString,  Kind::kMap,     Kind::kList,     Kind::kEnum,     Kind::kNone, Kind::kDate,
            Kind::kNone, Kind::kNone,    Kind::kNone,    Kind::kNone,     Kind::kUnknown,  Kind::kJson, Kind::kBson,
            Kind::kUuid, Kind::kFloat16, Kind::kVariant, Kind::kGeometry, Kind::kGeography};
        if (f.type != ThriftType::kStruct) return in.Skip(f.type);
        switch (f.id) {
            case 5:
                out->kind = Kind::kDecimal;
                return ReadStruct(in, "DecimalType", 0b110, [&](const ThriftField& d) -> Status {
                    if (d.id == 1) return in.ReadI32(d, &out->decimal_scale);
                    if (d.id == 2) return in.ReadI32(d, &out->decimal_precision);
                    return in.Skip(d.type);
                });
            case 7:
                out->kind = Kind::kTime;
                return ReadTimeOrTimestamp(in, "TimeType", out);
            case 8:
                out->kind = Kind::kTimestamp;
                return ReadTimeOrTimestamp(in, "TimestampType", out);
            case 10:
                out->kind = Kind::kInteger;
                return ReadStruct(in, "IntType", 0b110, [&](const ThriftField& d) -> Status {
                    if (d.id == 1) return in.ReadI8(d, &out->bit_width);
                    if (d.id == 2) return in.ReadBool(d, &out->is_signed);
                    return in.Skip(d.type);
                });
            default:
                // Members without parameters; an unknown member leaves the kind at kNone, which
                // readers treat as "no annotation" as the specification asks.
                if (f.id > 0 && f.id < static_cast<int>(std::size(kEmptyMembers))) out->kind = kEmptyMembers[f.id];
                return in.Skip(f.type);
        }
    });
}

Status ReadSchemaElement(Reader& in, SchemaElement* out) {
    return ReadStruct(in, "SchemaElement", 1u << 4, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return ReadOptionalI32(in, f, &out->type);
            case 2:
                return ReadOptionalI32(in, f, &out->type_length);
            case 3:
                return ReadOptionalI32(in, f, &out->repetition_type);
            case 4:
                return in.ReadBinary(f, &out->name);
            case 5:
                return ReadOptionalI32(in, f, &out->num_children);
            case 6:
                return ReadOptionalI32(in, f, &out->converted_type);
            case 7:
                return ReadOptionalI32(in, f, &out->scale);
            case 8:
                return ReadOptionalI32(in, f, &out->precision);
            case 9:
                return ReadOptionalI32(in, f, &out->field_id);
            case 10: {
                FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
                LogicalTypeAnnotation logical;
                FL_RETURN_NOT_OK(ReadLogicalType(in, &logical));
                out->logical_type = logical;
                return Status::OK();
            }
            default:
                return in.Skip(f.type);
        }
    });
}

Status ReadKeyValue(Reader& in, KeyValue* out) {
    return ReadStruct(in, "KeyValue", 1u << 1, [&](const ThriftField& f) -> Status {
        if (f.id == 1) return in.ReadBinary(f, &out->key);
        if (f.id == 2) return ReadOptionalBinary(in, f, &out->value);
        return in.Skip(f.type);
    });
}

Status ReadKeyValues(Reader& in, const ThriftField& field, std::vector<KeyValue>* out) {
    return ReadList(in, field, [&](ThriftType type) -> Status {
        if (type != ThriftType::kStruct) return Status::Corruption("key_value_metadata element is not a struct");
        return ReadKeyValue(in, &out->emplace_back());
    });
}

Status ReadColumnMetaData(Reader& in, ColumnMetaData* out) {
    // type, encodings, path_in_schema, codec, num_values, sizes and data_page_offset are required.
    constexpr uint32_t kRequired = 0b1011111110;
    return ReadStruct(in, "ColumnMetaData", kRequired, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return ReadEnum(in, f, &out->type);
            case 2:
                return ReadList(in, f, [&](ThriftType) -> Status {
                    int32_t value;
                    FL_RETURN_NOT_OK(in.ReadI32Element(&value));
                    out->encodings.push_back(static_cast<Encoding>(value));
                    return Status::OK();
                });
            case 3:
                return ReadList(in, f, [&](ThriftType) -> Status {
                    return in.ReadBinaryElement(&out->path_in_schema.emplace_back());
                });
            case 4:
                return ReadEnum(in, f, &out->codec);
            case 5:
                return in.ReadI64(f, &out->num_values);
            case 6:
                return in.ReadI64(f, &out->total_uncompressed_size);
            case 7:
                return in.ReadI64(f, &out->total_compressed_size);
            case 8:
                return ReadKeyValues(in, f, &out->key_value_metadata);
            case 9:
                return in.ReadI64(f, &out->data_page_offset);
            case 10:
                return ReadOptionalI64(in, f, &out->index_page_offset);
            case 11:
                return ReadOptionalI64(in, f, &out->dictionary_page_offset);
            case 12:
                return ReadOptionalStatistics(in, f, &out->statistics);
            case 13:
                return ReadList(in, f, [&](ThriftType type) -> Status {
                    if (type != ThriftType::kStruct)
                        return Status::Corruption("encoding_stats element is not a struct");
                    PageEncodingStats& stats = out->encoding_stats.emplace_back();
                    return ReadStruct(in, "PageEncodingStats", 0b1110, [&](const ThriftField& g) -> Status {
                        if (g.id == 1) return ReadEnum(in, g, &stats.page_type);
                        if (g.id == 2) return ReadEnum(in, g, &stats.encoding);
                        if (g.id == 3) return in.ReadI32(g, &stats.count);
                        return in.Skip(g.type);
                    });
                });
            case 14:
                return ReadOptionalI64(in, f, &out->bloom_filter_offset);
            case 15:
                return ReadOptionalI32(in, f, &out->bloom_filter_length);
            default:
                return in.Skip(f.type);
        }
    });
}

Status ReadColumnChunk(Reader& in, ColumnChunk* out) {
    return ReadStruct(in, "ColumnChunk", 1u << 2, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return ReadOptionalBinary(in, f, &out->file_path);
            case 2:
                return in.ReadI64(f, &out->file_offset);
            case 3: {
                FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
                ColumnMetaData metadata;
                FL_RETURN_NOT_OK(ReadColumnMetaData(in, &metadata));
                out->meta_data = std::move(metadata);
                return Status::OK();
            }
            case 4:
                return ReadOptionalI64(in, f, &out->offset_index_offset);
            case 5:
                return ReadOptionalI32(in, f, &out->offset_index_length);
            case 6:
                return ReadOptionalI64(in, f, &out->column_index_offset);
            case 7:
                return ReadOptionalI32(in, f, &out->column_index_length);
            case 8:
            case 9:
                out->encrypted = true;
                return in.Skip(f.type);
            default:
                return in.Skip(f.type);
        }
    });
}

Status ReadRowGroup(Reader& in, RowGroup* out) {
    return ReadStruct(in, "RowGroup", 0b1110, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return ReadList(in, f, [&](ThriftType type) -> Status {
                    if (type != ThriftType::kStruct) return Status::Corruption("columns element is not a struct");
                    return ReadColumnChunk(in, &out->columns.emplace_back());
                });
            case 2:
                return in.ReadI64(f, &out->total_byte_size);
            case 3:
                return in.ReadI64(f, &out->num_rows);
            case 4:
                return ReadList(in, f, [&](ThriftType type) -> Status {
                    if (type != ThriftType::kStruct)
                        return Status::Corruption("sorting_columns element is not a struct");
                    SortingColumn& column = out->sorting_columns.emplace_back();
                    return ReadStruct(in, "SortingColumn", 0b1110, [&](const ThriftField& g) -> Status {
                        if (g.id == 1) return in.ReadI32(g, &column.column_idx);
                        if (g.id == 2) return in.ReadBool(g, &column.descending);
                        if (g.id == 3) return in.ReadBool(g, &column.nulls_first);
                        return in.Skip(g.type);
                    });
                });
            case 5:
                return ReadOptionalI64(in, f, &out->file_offset);
            case 6:
                return ReadOptionalI64(in, f, &out->total_compressed_size);
            case 7: {
                int16_t ordinal;
                FL_RETURN_NOT_OK(in.ReadI16(f, &ordinal));
                out->ordinal = ordinal;
                return Status::OK();
            }
            default:
                return in.Skip(f.type);
        }
    });
}

}  // namespace

Status DecodeFileMetaData(const uint8_t* data, size_t size, FileMetaData* out) {
    Reader in(data, size);
    return ReadStruct(in, "FileMetaData", 0b11110, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return in.ReadI32(f, &out->version);
            case 2:
                return ReadList(in, f, [&](ThriftType type) -> Status {
                    if (type != ThriftType::kStruct) return Status::Corruption("schema element is not a struct");
                    return ReadSchemaElement(in, &out->schema.emplace_back());
                });
            case 3:
                return in.ReadI64(f, &out->num_rows);
            case 4:
                return ReadList(in, f, [&](ThriftType type) -> Status {
                    if (type != ThriftType::kStruct) return Status::Corruption("row_groups element is not a struct");
                    return ReadRowGroup(in, &out->row_groups.emplace_back());
                });
            case 5:
                return ReadKeyValues(in, f, &out->key_value_metadata);
            case 6:
                return ReadOptionalBinary(in, f, &out->created_by);
            case 7:
                return ReadList(in, f, [&](ThriftType type) -> Status {
                    if (type != ThriftType::kStruct) return Status::Corruption("column_orders element is not a struct");
                    bool type_defined = false;
                    FL_RETURN_NOT_OK(ReadStruct(in, "ColumnOrder", 0, [&](const ThriftField& g) -> Status {
                        if (g.id == 1) type_defined = true;
                        return in.Skip(g.type);
                    }));
                    out->column_orders.push_back(type_defined);
                    return Status::OK();
                });
            case 8:
                out->encrypted = true;
                return in.Skip(f.type);
            default:
                return in.Skip(f.type);
        }
    });
}

}  // namespace flashlake::format::parquet

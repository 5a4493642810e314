// Encoding of the Parquet metadata structures in the Thrift compact protocol. Fields are written
// in increasing id order (the compact protocol's short field headers depend on it) and optional
// fields only when set.

#include "format/parquet/metadata_codec.h"
#include "format/parquet/thrift_compact.h"

namespace flashlake::format::parquet {

namespace {

using Writer = ThriftCompactWriter;

void WriteEmptyStructField(Writer& out, int16_t id) {
    out.WriteFieldBegin(id, ThriftType::kStruct);
    out.BeginStruct();
    out.EndStruct();
}

void WriteTimeUnit(Writer& out, int16_t id, TimeUnit unit) {
    out.WriteFieldBegin(id, ThriftType::kStruct);
    out.BeginStruct();
    WriteEmptyStructField(out, unit == TimeUnit::kMillis ? 1 : unit == TimeUnit::kMicros ? 2 : 3);
    out.EndStruct();
}

void WriteLogicalType(Writer& out, const LogicalTypeAnnotation& type) {
    using Kind = LogicalTypeAnnotation::Kind;
    out.BeginStruct();
    switch (type.kind) {
        case Kind::kDecimal:
            out.WriteFieldBegin(5, ThriftType::kStruct);
            out.BeginStruct();
            out.WriteI32(1, type.decimal_scale);
            out.WriteI32(2, type.decimal_precision);
            out.EndStruct();
            break;
        case Kind::kTime:
        case Kind::kTimestamp:
            out.WriteFieldBegin(type.kind == Kind::kTime ? 7 : 8, ThriftType::kStruct);
            out.BeginStruct();
            out.WriteBool(1, type.adjusted_to_utc);
            WriteTimeUnit(out, 2, type.unit);
            out.EndStruct();
            break;
        case Kind::kInteger:
            out.WriteFieldBegin(10, ThriftType::kStruct);
            out.BeginStruct();
            out.WriteI8(1, type.bit_width);
            out.WriteBool(2, type.is_signed);
            out.EndStruct();
            break;
        case Kind::kString:
            WriteEmptyStructField(out, 1);
            break;
        case Kind::kMap:
            WriteEmptyStructField(out, 2);
            break;
        case Kind::kList:
            WriteEmptyStructField(out, 3);
            break;
        case Kind::kEnum:
            WriteEmptyStructField(out, 4);
            break;
        case Kind::kDate:
            WriteEmptyStructField(out, 6);
            break;
        case Kind::kUnknown:
            WriteEmptyStructField(out, 11);
            break;
        case Kind::kJson:
            WriteEmptyStructField(out, 12);
            break;
        case Kind::kBson:
            WriteEmptyStructField(out, 13);
            break;
        case Kind::kUuid:
            WriteEmptyStructField(out, 14);
            break;
        case Kind::kFloat16:
            WriteEmptyStructField(out, 15);
            break;
        case Kind::kVariant:
            WriteEmptyStructField(out, 16);
            break;
        case Kind::kGeometry:
            WriteEmptyStructField(out, 17);
            break;
        case Kind::kGeography:
            WriteEmptyStructField(out, 18);
            break;
        case Kind::kNone:
            break;
    }
    out.EndStruct();
}

void WriteSchemaElement(Writer& out, const SchemaElement& element) {
    out.BeginStruct();
    if (element.type) out.WriteI32(1, static_cast<int32_t>(*element.type));
    if (element.type_length) out.WriteI32(2, *element.type_length);
    if (element.repetition_type) out.WriteI32(3, static_cast<int32_t>(*element.repetition_type));
    out.WriteBinary(4, element.name);
    if (element.num_children) out.WriteI32(5, *element.num_children);
    if (element.converted_type) out.WriteI32(6, static_cast<int32_t>(*element.converted_type));
    if (element.scale) out.WriteI32(7, *element.scale);
    if (element.precision) out.WriteI32(8, *element.precision);
    if (element.field_id) out.WriteI32(9, *element.field_id);
    if (element.logical_type && element.logical_type->kind != LogicalTypeAnnotation::Kind::kNone) {
        out.WriteFieldBegin(10, ThriftType::kStruct);
        WriteLogicalType(out, *element.logical_type);
    }
    out.EndStruct();
}

void WriteKeyValues(Writer& out, int16_t id, const std::vector<KeyValue>& pairs) {
    out.WriteFieldBegin(id, ThriftType::kList);
    out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(pairs.size()));
    for (const KeyValue& pair : pairs) {
        out.BeginStruct();
        out.WriteBinary(1, pair.key);
        if (pair.value) out.WriteBinary(2, *pair.value);
        out.EndStruct();
    }
}

void WriteStatistics(Writer& out, int16_t id, const Statistics& stats) {
    out.WriteFieldBegin(id, ThriftType::kStruct);
    out.BeginStruct();
    if (stats.max) out.WriteBinary(1, *stats.max);
    if (stats.min) out.WriteBinary(2, *stats.min);
    if (stats.null_count) out.WriteI64(3, *stats.null_count);
    if (stats.distinct_count) out.WriteI64(4, *stats.distinct_count);
    if (stats.max_value) out.WriteBinary(5, *stats.max_value);
    if (stats.min_value) out.WriteBinary(6, *stats.min_value);
    if (stats.is_max_value_exact) out.WriteBool(7, *stats.is_max_value_exact);
    if (stats.is_min_value_exact) out.WriteBool(8, *stats.is_min_value_exact);
    out.EndStruct();
}

void WriteColumnMetaData(Writer& out, const ColumnMetaData& metadata) {
    out.BeginStruct();
    out.WriteI32(1, static_cast<int32_t>(metadata.type));
    out.WriteFieldBegin(2, ThriftType::kList);
    out.WriteListHeader(ThriftType::kI32, static_cast<uint32_t>(metadata.encodings.size()));
    for (Encoding encoding : metadata.encodings) out.WriteVarintSigned(static_cast<int32_t>(encoding));
    out.WriteFieldBegin(3, ThriftType::kList);
    out.WriteListHeader(ThriftType::kBinary, static_cast<uint32_t>(metadata.path_in_schema.size()));
    for (const std::string& part : metadata.path_in_schema) out.WriteBinaryElement(part);
    out.WriteI32(4, static_cast<int32_t>(metadata.codec));
    out.WriteI64(5, metadata.num_values);
    out.WriteI64(6, metadata.total_uncompressed_size);
    out.WriteI64(7, metadata.total_compressed_size);
    if (!metadata.key_value_metadata.empty()) WriteKeyValues(out, 8, metadata.key_value_metadata);
    out.WriteI64(9, metadata.data_page_offset);
    if (metadata.index_page_offset) out.WriteI64(10, *metadata.index_page_offset);
    if (metadata.dictionary_page_offset) out.WriteI64(11, *metadata.dictionary_page_offset);
    if (metadata.statistics) WriteStatistics(out, 12, *metadata.statistics);
    if (!metadata.encoding_stats.empty()) {
        out.WriteFieldBegin(13, ThriftType::kList);
        out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(metadata.encoding_stats.size()));
        for (const PageEncodingStats& stats : metadata.encoding_stats) {
            out.BeginStruct();
            out.WriteI32(1, static_cast<int32_t>(stats.page_type));
            out.WriteI32(2, static_cast<int32_t>(stats.encoding));
            out.WriteI32(3, stats.count);
            out.EndStruct();
        }
    }
    if (metadata.bloom_filter_offset) out.WriteI64(14, *metadata.bloom_filter_offset);
    if (metadata.bloom_filter_length) out.WriteI32(15, *metadata.bloom_filter_length);
    out.EndStruct();
}

void WriteColumnChunk(Writer& out, const ColumnChunk& chunk) {
    out.BeginStruct();
    if (chunk.file_path) out.WriteBinary(1, *chunk.file_path);
    out.WriteI64(2, chunk.file_offset);
    if (chunk.meta_data) {
        out.WriteFieldBegin(3, ThriftType::kStruct);
        WriteColumnMetaData(out, *chunk.meta_data);
    }
    if (chunk.offset_index_offset) out.WriteI64(4, *chunk.offset_index_offset);
    if (chunk.offset_index_length) out.WriteI32(5, *chunk.offset_index_length);
    if (chunk.column_index_offset) out.WriteI64(6, *chunk.column_index_offset);
    if (chunk.column_index_length) out.WriteI32(7, *chunk.column_index_length);
    out.EndStruct();
}

void WriteRowGroup(Writer& out, const RowGroup& group) {
    out.BeginStruct();
    out.WriteFieldBegin(1, ThriftType::kList);
    out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(group.columns.size()));
    for (const ColumnChunk& chunk : group.columns) WriteColumnChunk(out, chunk);
    out.WriteI64(2, group.total_byte_size);
    out.WriteI64(3, group.num_rows);
    if (!group.sorting_columns.empty()) {
        out.WriteFieldBegin(4, ThriftType::kList);
        out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(group.sorting_columns.size()));
        for (const SortingColumn& column : group.sorting_columns) {
            out.BeginStruct();
            out.WriteI32(1, column.column_idx);
            out.WriteBool(2, column.descending);
            out.WriteBool(3, column.nulls_first);
            out.EndStruct();
        }
    }
    if (group.file_offset) out.WriteI64(5, *group.file_offset);
    if (group.total_compressed_size) out.WriteI64(6, *group.total_compressed_size);
    if (group.ordinal) {
        out.WriteFieldBegin(7, ThriftType::kI16);
        out.WriteVarintSigned(*group.ordinal);
    }
    out.EndStruct();
}

}  // namespace

void EncodeFileMetaData(const FileMetaData& metadata, std::string* bytes) {
    Writer out(bytes);
    out.BeginStruct();
    out.WriteI32(1, metadata.version);
    out.WriteFieldBegin(2, ThriftType::kList);
    out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(metadata.schema.size()));
    for (const SchemaElement& element : metadata.schema) WriteSchemaElement(out, element);
    out.WriteI64(3, metadata.num_rows);
    out.WriteFieldBegin(4, ThriftType::kList);
    out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(metadata.row_groups.size()));
    for (const RowGroup& group : metadata.row_groups) WriteRowGroup(out, group);
    if (!metadata.key_value_metadata.empty()) WriteKeyValues(out, 5, metadata.key_value_metadata);
    if (metadata.created_by) out.WriteBinary(6, *metadata.created_by);
    if (!metadata.column_orders.empty()) {
        out.WriteFieldBegin(7, ThriftType::kList);
        out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(metadata.column_orders.size()));
        for (size_t i = 0; i < metadata.column_orders.size(); ++i) {
            out.BeginStruct();
            WriteEmptyStructField(out, 1);  // TYPE_ORDER
            out.EndStruct();
        }
    }
    out.EndStruct();
}

void EncodePageHeader(const PageHeader& header, std::string* bytes) {
    Writer out(bytes);
    out.BeginStruct();
    out.WriteI32(1, static_cast<int32_t>(header.type));
    out.WriteI32(2, header.uncompressed_page_size);
    out.WriteI32(3, header.compressed_page_size);
    if (header.crc) out.WriteI32(4, *header.crc);
    if (header.data_page_header) {
        const DataPageHeader& page = *header.data_page_header;
        out.WriteFieldBegin(5, ThriftType::kStruct);
        out.BeginStruct();
        out.WriteI32(1, page.num_values);
        out.WriteI32(2, static_cast<int32_t>(page.encoding));
        out.WriteI32(3, static_cast<int32_t>(page.definition_level_encoding));
        out.WriteI32(4, static_cast<int32_t>(page.repetition_level_encoding));
        if (page.statistics) WriteStatistics(out, 5, *page.statistics);
        out.EndStruct();
    }
    if (header.dictionary_page_header) {
        const DictionaryPageHeader& page = *header.dictionary_page_header;
        out.WriteFieldBegin(7, ThriftType::kStruct);
        out.BeginStruct();
        out.WriteI32(1, page.num_values);
        out.WriteI32(2, static_cast<int32_t>(page.encoding));
        if (page.is_sorted) out.WriteBool(3, *page.is_sorted);
        out.EndStruct();
    }
    if (header.data_page_header_v2) {
        const DataPageHeaderV2& page = *header.data_page_header_v2;
        out.WriteFieldBegin(8, ThriftType::kStruct);
        out.BeginStruct();
        out.WriteI32(1, page.num_values);
        out.WriteI32(2, page.num_nulls);
        out.WriteI32(3, page.num_rows);
        out.WriteI32(4, static_cast<int32_t>(page.encoding));
        out.WriteI32(5, page.definition_levels_byte_length);
        out.WriteI32(6, page.repetition_levels_byte_length);
        out.WriteBool(7, page.is_compressed);
        if (page.statistics) WriteStatistics(out, 8, *page.statistics);
        out.EndStruct();
    }
    out.EndStruct();
}

void EncodeColumnIndex(const ColumnIndex& index, std::string* bytes) {
    Writer out(bytes);
    auto write_binary_list = [&](int16_t id, const std::vector<std::string>& values) {
        out.WriteFieldBegin(id, ThriftType::kList);
        out.WriteListHeader(ThriftType::kBinary, static_cast<uint32_t>(values.size()));
        for (const std::string& value : values) out.WriteBinaryElement(value);
    };
    auto write_i64_list = [&](int16_t id, const std::vector<int64_t>& values) {
        if (values.empty()) return;
        out.WriteFieldBegin(id, ThriftType::kList);
        out.WriteListHeader(ThriftType::kI64, static_cast<uint32_t>(values.size()));
        for (int64_t value : values) out.WriteVarintSigned(value);
    };
    out.BeginStruct();
    out.WriteFieldBegin(1, ThriftType::kList);
    out.WriteListHeader(ThriftType::kBoolTrue, static_cast<uint32_t>(index.null_pages.size()));
    for (bool null_page : index.null_pages) out.WriteBoolElement(null_page);
    write_binary_list(2, index.min_values);
    write_binary_list(3, index.max_values);
    out.WriteI32(4, static_cast<int32_t>(index.boundary_order));
    write_i64_list(5, index.null_counts);
    write_i64_list(6, index.repetition_level_histograms);
    write_i64_list(7, index.definition_level_histograms);
    out.EndStruct();
}

void EncodeOffsetIndex(const OffsetIndex& index, std::string* bytes) {
    Writer out(bytes);
    out.BeginStruct();
    out.WriteFieldBegin(1, ThriftType::kList);
    out.WriteListHeader(ThriftType::kStruct, static_cast<uint32_t>(index.page_locations.size()));
    for (const PageLocation& location : index.page_locations) {
        out.BeginStruct();
        out.WriteI64(1, location.offset);
        out.WriteI32(2, location.compressed_page_size);
        out.WriteI64(3, location.first_row_index);
        out.EndStruct();
    }
    if (!index.unencoded_byte_array_data_bytes.empty()) {
        out.WriteFieldBegin(2, ThriftType::kList);
        out.WriteListHeader(ThriftType::kI64, static_cast<uint32_t>(index.unencoded_byte_array_data_bytes.size()));
        for (int64_t value : index.unencoded_byte_array_data_bytes) out.WriteVarintSigned(value);
    }
    out.EndStruct();
}

void EncodeBloomFilterHeader(const BloomFilterHeader& header, std::string* bytes) {
    Writer out(bytes);
    auto write_union = [&](int16_t id) {
        out.WriteFieldBegin(id, ThriftType::kStruct);
        out.BeginStruct();
        WriteEmptyStructField(out, 1);
        out.EndStruct();
    };
    out.BeginStruct();
    out.WriteI32(1, header.num_bytes);
    write_union(2);  // BLOCK
    write_union(3);  // XXHASH
    write_union(4);  // UNCOMPRESSED
    out.EndStruct();
}

}  // namespace flashlake::format::parquet

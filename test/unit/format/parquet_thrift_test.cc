// The Thrift compact codec and the Parquet metadata structures: round trips, skipping of unknown
// fields, and refusal of malformed input with kCorruption naming the fault.

#include <gtest/gtest.h>

#include <random>

#include "format/parquet/metadata_codec.h"
#include "format/parquet/thrift_compact.h"

namespace flashlake::format::parquet {
namespace {

const uint8_t* Bytes(const std::string& s) {
    return reinterpret_cast<const uint8_t*>(s.data());
}

TEST(ThriftCompactTest, ScalarsRoundTrip) {
    std::string bytes;
    ThriftCompactWriter out(&bytes);
    out.BeginStruct();
    out.WriteBool(1, true);
    out.WriteBool(2, false);
    out.WriteI8(3, -5);
    out.WriteI32(4, -123456);
    out.WriteI64(20, INT64_MIN);  // long field header: delta > 15
    out.WriteDouble(21, 2.5);
    out.WriteBinary(22, "hello");
    out.WriteFieldBegin(23, ThriftType::kList);
    out.WriteListHeader(ThriftType::kI64, 20);  // long list header: size >= 15
    for (int i = 0; i < 20; ++i) out.WriteVarintSigned(i * -1000);
    out.EndStruct();

    ThriftCompactReader in(Bytes(bytes), bytes.size());
    ASSERT_TRUE(in.BeginStruct().ok());
    ThriftField field;
    bool flag;
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ASSERT_TRUE(in.ReadBool(field, &flag).ok());
    EXPECT_EQ(field.id, 1);
    EXPECT_TRUE(flag);
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ASSERT_TRUE(in.ReadBool(field, &flag).ok());
    EXPECT_FALSE(flag);
    int8_t i8;
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ASSERT_TRUE(in.ReadI8(field, &i8).ok());
    EXPECT_EQ(i8, -5);
    int32_t i32;
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ASSERT_TRUE(in.ReadI32(field, &i32).ok());
    EXPECT_EQ(i32, -123456);
    int64_t i64;
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    EXPECT_EQ(field.id, 20);
    ASSERT_TRUE(in.ReadI64(field, &i64).ok());
    EXPECT_EQ(i64, INT64_MIN);
    double d;
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ASSERT_TRUE(in.ReadDouble(field, &d).ok());
    EXPECT_EQ(d, 2.5);
    std::string s;
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ASSERT_TRUE(in.ReadBinary(field, &s).ok());
    EXPECT_EQ(s, "hello");
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ThriftListHeader list;
    ASSERT_TRUE(in.ReadListHeader(&list).ok());
    ASSERT_EQ(list.size, 20u);
    for (int i = 0; i < 20; ++i) EXPECT_EQ(*in.ReadVarintSigned(), i * -1000);
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    EXPECT_EQ(field.type, ThriftType::kStop);
    EXPECT_TRUE(in.EndStruct().ok());
    EXPECT_EQ(in.remaining(), 0u);
}

TEST(ThriftCompactTest, SkipsEveryKindOfValue) {
    std::string bytes;
    ThriftCompactWriter out(&bytes);
    out.BeginStruct();
    out.WriteFieldBegin(1, ThriftType::kStruct);
    out.BeginStruct();
    out.WriteBinary(1, "nested");
    out.WriteFieldBegin(2, ThriftType::kList);
    out.WriteListHeader(ThriftType::kBoolTrue, 3);
    out.WriteBoolElement(true);
    out.WriteBoolElement(false);
    out.WriteBoolElement(true);
    out.WriteDouble(3, 1.0);
    out.EndStruct();
    out.WriteI32(2, 99);
    out.EndStruct();
    // A map field appended by hand: 2 entries i32 -> binary.
    ThriftCompactReader in(Bytes(bytes), bytes.size());
    ASSERT_TRUE(in.BeginStruct().ok());
    ThriftField field;
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    ASSERT_TRUE(in.Skip(field.type).ok());
    ASSERT_TRUE(in.ReadFieldHeader(&field).ok());
    int32_t value;
    ASSERT_TRUE(in.ReadI32(field, &value).ok());
    EXPECT_EQ(value, 99);

    std::string map = {0x02, 0x58, 0x02, 0x01, 'a', 0x04, 0x01, 'b'};  // size 2, i32 -> binary
    ThriftCompactReader map_reader(Bytes(map), map.size());
    EXPECT_TRUE(map_reader.Skip(ThriftType::kMap).ok());
    EXPECT_EQ(map_reader.remaining(), 0u);
}

TEST(ThriftCompactTest, MalformedInputIsCorruption) {
    auto corrupt = [](const std::string& bytes, ThriftType type) {
        ThriftCompactReader in(Bytes(bytes), bytes.size());
        Status status = in.Skip(type);
        EXPECT_EQ(status.code(), ErrorCode::kCorruption) << status.ToString();
        return status.message();
    };
    EXPECT_NE(corrupt(std::string(11, '\xff'), ThriftType::kI64).find("varint"), std::string::npos);
    EXPECT_NE(corrupt("\x0a"
                      "abc",
                      ThriftType::kBinary)
                  .find("past the end"),
              std::string::npos);
    // A list claiming 2^31 elements in a few bytes is refused before anything is allocated.
    EXPECT_NE(corrupt("\xf5\xff\xff\xff\xff\x07\x01", ThriftType::kList).find("past the end"), std::string::npos);
    EXPECT_NE(corrupt("\x15", ThriftType::kStruct).find("truncated"), std::string::npos);
    // Structs nested beyond the limit.
    std::string deep;
    for (int i = 0; i < 200; ++i) deep += "\x1c";  // field 1, type struct
    EXPECT_NE(corrupt(deep, ThriftType::kStruct).find("nested"), std::string::npos);
}

FileMetaData SampleMetaData() {
    FileMetaData meta;
    meta.version = 2;
    meta.num_rows = 3;
    meta.created_by = "test";
    SchemaElement& root = meta.schema.emplace_back();
    root.name = "schema";
    root.num_children = 2;
    SchemaElement& a = meta.schema.emplace_back();
    a.name = "a";
    a.type = PhysicalKind::kInt64;
    a.repetition_type = Repetition::kOptional;
    a.logical_type.emplace();
    a.logical_type->kind = LogicalTypeAnnotation::Kind::kTimestamp;
    a.logical_type->unit = TimeUnit::kNanos;
    a.logical_type->adjusted_to_utc = true;
    SchemaElement& b = meta.schema.emplace_back();
    b.name = "b";
    b.type = PhysicalKind::kFixedLenByteArray;
    b.type_length = 9;
    b.repetition_type = Repetition::kRequired;
    b.converted_type = ConvertedType::kDecimal;
    b.precision = 20;
    b.scale = 3;
    b.logical_type.emplace();
    b.logical_type->kind = LogicalTypeAnnotation::Kind::kDecimal;
    b.logical_type->decimal_precision = 20;
    b.logical_type->decimal_scale = 3;
    RowGroup& group = meta.row_groups.emplace_back();
    group.num_rows = 3;
    group.total_byte_size = 100;
    group.ordinal = 0;
    for (const char* name : {"a", "b"}) {
        ColumnChunk& chunk = group.columns.emplace_back();
        chunk.file_offset = 4;
        chunk.column_index_offset = 1000;
        chunk.column_index_length = 20;
        ColumnMetaData& column = chunk.meta_data.emplace();
        column.type = PhysicalKind::kInt64;
        column.encodings = {Encoding::kPlain, Encoding::kRle};
        column.path_in_schema = {name};
        column.codec = CompressionCodec::kZstd;
        column.num_values = 3;
        column.total_compressed_size = 50;
        column.total_uncompressed_size = 60;
        column.data_page_offset = 4;
        column.dictionary_page_offset = 4;
        column.bloom_filter_offset = 900;
        column.bloom_filter_length = 64;
        Statistics& stats = column.statistics.emplace();
        stats.min_value = std::string("\x01\x00\x00\x00\x00\x00\x00\x00", 8);
        stats.max_value = std::string("\x09\x00\x00\x00\x00\x00\x00\x00", 8);
        stats.null_count = 1;
        stats.is_max_value_exact = true;
        column.encoding_stats.push_back({PageType::kDataPage, Encoding::kPlain, 1});
    }
    meta.key_value_metadata.push_back({"key", std::string("value")});
    meta.column_orders = {true, true};
    return meta;
}

TEST(ParquetMetadataTest, FileMetaDataRoundTrip) {
    FileMetaData meta = SampleMetaData();
    std::string bytes;
    EncodeFileMetaData(meta, &bytes);
    FileMetaData decoded;
    ASSERT_TRUE(DecodeFileMetaData(Bytes(bytes), bytes.size(), &decoded).ok());
    ASSERT_EQ(decoded.schema.size(), 3u);
    EXPECT_EQ(decoded.schema[1].logical_type->kind, LogicalTypeAnnotation::Kind::kTimestamp);
    EXPECT_EQ(decoded.schema[1].logical_type->unit, TimeUnit::kNanos);
    EXPECT_TRUE(decoded.schema[1].logical_type->adjusted_to_utc);
    EXPECT_EQ(decoded.schema[2].type_length, 9);
    EXPECT_EQ(decoded.schema[2].logical_type->decimal_precision, 20);
    EXPECT_EQ(decoded.schema[2].logical_type->decimal_scale, 3);
    EXPECT_EQ(decoded.schema[2].converted_type, ConvertedType::kDecimal);
    ASSERT_EQ(decoded.row_groups.size(), 1u);
    const ColumnMetaData& column = *decoded.row_groups[0].columns[1].meta_data;
    EXPECT_EQ(column.path_in_schema, std::vector<std::string>{"b"});
    EXPECT_EQ(column.codec, CompressionCodec::kZstd);
    EXPECT_EQ(column.bloom_filter_offset, 900);
    EXPECT_EQ(column.statistics->null_count, 1);
    EXPECT_EQ(column.statistics->max_value->size(), 8u);
    EXPECT_EQ(column.encoding_stats.size(), 1u);
    EXPECT_EQ(decoded.row_groups[0].columns[1].column_index_length, 20);
    EXPECT_EQ(decoded.key_value_metadata[0].value, "value");
    EXPECT_EQ(decoded.column_orders, (std::vector<bool>{true, true}));
    EXPECT_EQ(decoded.created_by, "test");
    // Re-encoding the decoded structs gives the same bytes.
    std::string again;
    EncodeFileMetaData(decoded, &again);
    EXPECT_EQ(again, bytes);
}

TEST(ParquetMetadataTest, UnknownFieldsAndWrongTypesAreSkipped) {
    // A PageHeader with an unknown field 42 (a struct), and field 4 (crc, i32) sent as a binary.
    std::string bytes;
    ThriftCompactWriter out(&bytes);
    out.BeginStruct();
    out.WriteI32(1, 0);
    out.WriteI32(2, 10);
    out.WriteI32(3, 10);
    out.WriteBinary(4, "not a crc");
    out.WriteFieldBegin(42, ThriftType::kStruct);
    out.BeginStruct();
    out.WriteBinary(1, "future");
    out.EndStruct();
    out.EndStruct();
    bytes += "page data";
    PageHeader header;
    size_t header_size = 0;
    ASSERT_TRUE(DecodePageHeader(Bytes(bytes), bytes.size(), &header, &header_size).ok());
    EXPECT_EQ(header.compressed_page_size, 10);
    EXPECT_FALSE(header.crc.has_value());
    EXPECT_EQ(bytes.substr(header_size), "page data");
}

TEST(ParquetMetadataTest, MissingRequiredFieldIsNamed) {
    std::string bytes;
    ThriftCompactWriter out(&bytes);
    out.BeginStruct();
    out.WriteI32(1, 0);
    out.WriteI32(3, 10);  // uncompressed_page_size (2) missing
    out.EndStruct();
    PageHeader header;
    size_t header_size;
    Status status = DecodePageHeader(Bytes(bytes), bytes.size(), &header, &header_size);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_EQ(status.message(), "PageHeader: missing required field 2");
}

TEST(ParquetMetadataTest, ErrorsNameTheStructPath) {
    FileMetaData meta = SampleMetaData();
    std::string bytes;
    EncodeFileMetaData(meta, &bytes);
    // Cut inside the row group: the message names the structs being decoded.
    FileMetaData decoded;
    Status status = DecodeFileMetaData(Bytes(bytes), bytes.size() - 60, &decoded);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_EQ(status.message().rfind("FileMetaData: RowGroup: ", 0), 0u) << status.message();
}

TEST(ParquetMetadataTest, PageIndexAndBloomHeaderRoundTrip) {
    ColumnIndex index;
    index.null_pages = {false, true, false};
    index.min_values = {"a", "", "c"};
    index.max_values = {"b", "", "d"};
    index.boundary_order = BoundaryOrder::kAscending;
    index.null_counts = {0, 5, 1};
    std::string bytes;
    EncodeColumnIndex(index, &bytes);
    ColumnIndex decoded;
    ASSERT_TRUE(DecodeColumnIndex(Bytes(bytes), bytes.size(), &decoded).ok());
    EXPECT_EQ(decoded.null_pages, index.null_pages);
    EXPECT_EQ(decoded.max_values, index.max_values);
    EXPECT_EQ(decoded.null_counts, index.null_counts);
    EXPECT_EQ(decoded.boundary_order, BoundaryOrder::kAscending);

    OffsetIndex offsets;
    offsets.page_locations = {{4, 100, 0}, {104, 90, 1000}};
    bytes.clear();
    EncodeOffsetIndex(offsets, &bytes);
    OffsetIndex decoded_offsets;
    ASSERT_TRUE(DecodeOffsetIndex(Bytes(bytes), bytes.size(), &decoded_offsets).ok());
    ASSERT_EQ(decoded_offsets.page_locations.size(), 2u);
    EXPECT_EQ(decoded_offsets.page_locations[1].first_row_index, 1000);

    BloomFilterHeader header;
    header.num_bytes = 1024;
    bytes.clear();
    EncodeBloomFilterHeader(header, &bytes);
    BloomFilterHeader decoded_header;
    size_t header_size;
    ASSERT_TRUE(DecodeBloomFilterHeader(Bytes(bytes), bytes.size(), &decoded_header, &header_size).ok());
    EXPECT_EQ(decoded_header.num_bytes, 1024);
    EXPECT_TRUE(decoded_header.algorithm_block && decoded_header.hash_xxhash &&
                decoded_header.compression_uncompressed);
    EXPECT_EQ(header_size, bytes.size());
}

TEST(ParquetMetadataTest, RandomBytesNeverCrash) {
    FileMetaData meta = SampleMetaData();
    std::string original;
    EncodeFileMetaData(meta, &original);
    std::mt19937 random(99);
    for (int round = 0; round < 5000; ++round) {
        std::string bytes = original;
        int flips = 1 + static_cast<int>(random() % 4);
        for (int i = 0; i < flips; ++i) bytes[random() % bytes.size()] = static_cast<char>(random());
        if (random() % 4 == 0) bytes.resize(random() % bytes.size());
        FileMetaData decoded;
        Status status = DecodeFileMetaData(Bytes(bytes), bytes.size(), &decoded);
        if (!status.ok()) {
            EXPECT_EQ(status.code(), ErrorCode::kCorruption);
        }
        PageHeader header;
        size_t header_size;
        (void)DecodePageHeader(Bytes(bytes), bytes.size(), &header, &header_size);
        ColumnIndex index;
        (void)DecodeColumnIndex(Bytes(bytes), bytes.size(), &index);
    }
}

}  // namespace
}  // namespace flashlake::format::parquet

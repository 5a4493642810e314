#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flashlake::format::parquet {

// The Parquet metadata structures (parquet.thrift) that Flashlake reads and writes, with the
// field ids of the specification. Optional fields are std::optional; fields this code does not
// use (encryption, geospatial statistics, size statistics) are skipped when decoding and never
// written. Enum values are the specification's numbers; unknown values read from a file are
// kept as they are and rejected where they matter.

enum class PhysicalKind : int32_t {  // parquet.thrift Type
    kBoolean = 0,
    kInt32 = 1,
    kInt64 = 2,
    kInt96 = 3,
    kFloat = 4,
    kDouble = 5,
    kByteArray = 6,
    kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum class ConvertedType : int32_t {
    kUtf8 = 0,
    kMap = 1,
    kMapKeyValue = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTimeMillis = 7,
    kTimeMicros = 8,
    kTimestampMillis = 9,
    kTimestampMicros = 10,
    kUint8 = 11,
    kUint16 = 12,
    kUint32 = 13,
    kUint64 = 14,
    kInt8 = 15,
    kInt16 = 16,
    kInt32 = 17,
    kInt64 = 18,
    kJson = 19,
    kBson = 20,
    kInterval = 21,
};

enum class Encoding : int32_t {
    kPlain = 0,
    kPlainDictionary = 2,
    kRle = 3,
    kBitPacked = 4,
    kDeltaBinaryPacked = 5,
    kDeltaLengthByteArray = 6,
    kDeltaByteArray = 7,
    kRleDictionary = 8,
    kByteStreamSplit = 9,
};

enum class CompressionCodec : int32_t {
    kUncompressed = 0,
    kSnappy = 1,
    kGzip = 2,
    kLzo = 3,
    kBrotli = 4,
    kLz4 = 5,  // Hadoop-framed LZ4 (deprecated)
    kZstd = 6,
    kLz4Raw = 7,
};

enum class PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

enum class BoundaryOrder : int32_t { kUnordered = 0, kAscending = 1, kDescending = 2 };

enum class TimeUnit : uint8_t { kMillis, kMicros, kNanos };

// The LogicalType union: which member is set, plus the parameters of the members that have any.
struct LogicalTypeAnnotation {
    enum class Kind : uint8_t {
        kNone,  // no annotation (or one this reader does not know: treated as absent)
        kString,
        kMap,
        kList,
        kEnum,
        kDecimal,
        kDate,
        kTime,
        kTimestamp,
        kInteger,
        kUnknown,  // the "NullType": values always null
        kJson,
        kBson,
        kUuid,
        kFloat16,
        kVariant,
        kGeometry,
        kGeography,
    };
    Kind kind = Kind::kNone;
    int32_t decimal_scale = 0;
    int32_t decimal_precision = 0;
    bool adjusted_to_utc = false;  // TIME and TIMESTAMP
    TimeUnit unit = TimeUnit::kMillis;
    int8_t bit_width = 0;  // INTEGER
    bool is_signed = true;
};

struct SchemaElement {
    std::optional<PhysicalKind> type;
    std::optional<int32_t> type_length;
    std::optional<Repetition> repetition_type;
    std::string name;
    std::optional<int32_t> num_children;
    std::optional<ConvertedType> converted_type;
    std::optional<int32_t> scale;
    std::optional<int32_t> precision;
    std::optional<int32_t> field_id;
    std::optional<LogicalTypeAnnotation> logical_type;
};

struct KeyValue {
    std::string key;
    std::optional<std::string> value;
};

struct Statistics {
    std::optional<std::string> max;  // deprecated: signed order, only trusted for signed types
    std::optional<std::string> min;
    std::optional<int64_t> null_count;
    std::optional<int64_t> distinct_count;
    std::optional<std::string> max_value;
    std::optional<std::string> min_value;
    std::optional<bool> is_max_value_exact;
    std::optional<bool> is_min_value_exact;
};

struct PageEncodingStats {
    PageType page_type = PageType::kDataPage;
    Encoding encoding = Encoding::kPlain;
    int32_t count = 0;
};

struct ColumnMetaData {
    PhysicalKind type = PhysicalKind::kBoolean;
    std::vector<Encoding> encodings;
    std::vector<std::string> path_in_schema;
    CompressionCodec codec = CompressionCodec::kUncompressed;
    int64_t num_values = 0;
    int64_t total_uncompressed_size = 0;
    int64_t total_compressed_size = 0;
    std::vector<KeyValue> key_value_metadata;
    int64_t data_page_offset = 0;
    std::optional<int64_t> index_page_offset;
    std::optional<int64_t> dictionary_page_offset;
    std::optional<Statistics> statistics;
    std::vector<PageEncodingStats> encoding_stats;
    std::optional<int64_t> bloom_filter_offset;
    std::optional<int32_t> bloom_filter_length;
};

struct ColumnChunk {
    std::optional<std::string> file_path;
    int64_t file_offset = 0;
    std::optional<ColumnMetaData> meta_data;
    std::optional<int64_t> offset_index_offset;
    std::optional<int32_t> offset_index_length;
    std::optional<int64_t> column_index_offset;
    std::optional<int32_t> column_index_length;
    bool encrypted = false;  // crypto_metadata or encrypted_column_metadata present
};

struct SortingColumn {
    int32_t column_idx = 0;
    bool descending = false;
    bool nulls_first = false;
};

struct RowGroup {
    std::vector<ColumnChunk> columns;
    int64_t total_byte_size = 0;
    int64_t num_rows = 0;
    std::vector<SortingColumn> sorting_columns;
    std::optional<int64_t> file_offset;
    std::optional<int64_t> total_compressed_size;
    std::optional<int16_t> ordinal;
};

struct FileMetaData {
    int32_t version = 0;
    std::vector<SchemaElement> schema;
    int64_t num_rows = 0;
    std::vector<RowGroup> row_groups;
    std::vector<KeyValue> key_value_metadata;
    std::optional<std::string> created_by;
    // One entry per leaf column; true for TYPE_DEFINED_ORDER, false for an order this reader does
    // not know (whose statistics must then be ignored). Empty when the writer wrote none.
    std::vector<bool> column_orders;
    bool encrypted = false;  // encryption_algorithm present
};

struct DataPageHeader {
    int32_t num_values = 0;
    Encoding encoding = Encoding::kPlain;
    Encoding definition_level_encoding = Encoding::kRle;
    Encoding repetition_level_encoding = Encoding::kRle;
    std::optional<Statistics> statistics;
};

struct DictionaryPageHeader {
    int32_t num_values = 0;
    Encoding encoding = Encoding::kPlain;
    std::optional<bool> is_sorted;
};

struct DataPageHeaderV2 {
    int32_t num_values = 0;
    int32_t num_nulls = 0;
    int32_t num_rows = 0;
    Encoding encoding = Encoding::kPlain;
    int32_t definition_levels_byte_length = 0;
    int32_t repetition_levels_byte_length = 0;
    bool is_compressed = true;
    std::optional<Statistics> statistics;
};

struct PageHeader {
    PageType type = PageType::kDataPage;
    int32_t uncompressed_page_size = 0;
    int32_t compressed_page_size = 0;
    std::optional<int32_t> crc;
    std::optional<DataPageHeader> data_page_header;
    std::optional<DictionaryPageHeader> dictionary_page_header;
    std::optional<DataPageHeaderV2> data_page_header_v2;
};

struct PageLocation {
    int64_t offset = 0;
    int32_t compressed_page_size = 0;
    int64_t first_row_index = 0;
};

struct OffsetIndex {
    std::vector<PageLocation> page_locations;
    std::vector<int64_t> unencoded_byte_array_data_bytes;
};

struct ColumnIndex {
    std::vector<bool> null_pages;
    std::vector<std::string> min_values;
    std::vector<std::string> max_values;
    BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
    std::vector<int64_t> null_counts;  // empty when absent
    std::vector<int64_t> repetition_level_histograms;
    std::vector<int64_t> definition_level_histograms;
};

// Only the split-block algorithm, XXH64 hash and no compression exist in the specification; a
// header naming anything else is reported as not supported.
struct BloomFilterHeader {
    int32_t num_bytes = 0;
    bool algorithm_block = false;
    bool hash_xxhash = false;
    bool compression_uncompressed = false;
};

const char* PhysicalKindName(PhysicalKind kind);
const char* EncodingName(Encoding encoding);
const char* CodecName(CompressionCodec codec);

}  // namespace flashlake::format::parquet

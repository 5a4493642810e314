#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "format/parquet/parquet_metadata.h"
#include "types/logical_type.h"

namespace flashlake::format::parquet {

// One top-level column of a file being written.
struct WriterColumn {
    std::string name;
    LogicalType type;
    bool nullable = true;
};

struct WriterOptions {
    CompressionCodec codec = CompressionCodec::kZstd;
    int compression_level = 0;  // 0: the codec's default
    // A data page is closed once its encoded values reach this many bytes or rows.
    size_t page_size = size_t{1} << 20;
    size_t page_rows = 20000;
    // A row group is closed once it holds this many rows or its encoded pages this many bytes.
    int64_t row_group_rows = int64_t{1} << 20;
    size_t row_group_bytes = size_t{128} << 20;
    // Dictionary encoding is tried for every column but BOOLEAN; the first page decides whether
    // it pays (dictionary + indices smaller than PLAIN), and a dictionary that outgrows this many
    // bytes makes the rest of the chunk PLAIN.
    bool dictionary = true;
    size_t dictionary_page_size = size_t{1} << 20;
    bool write_statistics = true;
    bool write_page_index = true;  // column index + offset index
    bool write_page_checksums = true;
    // Byte-array min/max longer than this are truncated (min cut, max cut and incremented).
    size_t statistics_truncate_length = 64;
    // Columns (by name) that get a bloom filter, sized for this false-positive probability.
    std::vector<std::string> bloom_filter_columns;
    double bloom_filter_fpp = 0.01;
    size_t bloom_filter_max_bytes = size_t{1} << 20;
    std::vector<KeyValue> key_value_metadata;
    std::string created_by = "flashlake";
    bool sync_on_close = false;
};

}  // namespace flashlake::format::parquet

#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "format/parquet/bloom_filter.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/writer_options.h"

namespace flashlake::format::parquet {

// The Parquet form of a Flashlake column type as the writer stores it: physical type, length for
// fixed-length byte arrays, and the logical/converted annotations.
struct PhysicalLayout {
    PhysicalKind physical = PhysicalKind::kInt32;
    int32_t type_length = 0;
    std::optional<LogicalTypeAnnotation> logical;
    std::optional<ConvertedType> converted;
    std::optional<int32_t> precision;
    std::optional<int32_t> scale;
};

// kNotSupported for types Parquet files here cannot hold (NULL, ARRAY).
Result<PhysicalLayout> LayoutForType(const LogicalType& type);

// A column chunk encoded in memory, ready to be appended to the file at some offset.
struct EncodedChunk {
    std::string bytes;                           // dictionary page (if any) then data pages, each header + body
    std::optional<size_t> dictionary_page_size;  // bytes of the dictionary page at the front
    ColumnMetaData metadata;                     // offsets relative to the chunk start (the writer rebases them)
    std::optional<ColumnIndex> column_index;
    OffsetIndex offset_index;  // offsets relative to the chunk start
    std::optional<BloomFilter> bloom_filter;
};

// Encodes the values of one column, one row group at a time: values arrive through Write (any
// column encoding), are cut into data pages (v1) with definition levels, PLAIN or RLE_DICTIONARY
// values and the chosen codec, and Finish hands back the chunk with its statistics and page index.
class ColumnChunkWriter {
public:
    virtual ~ColumnChunkWriter() = default;

    // Appends rows [offset, offset + count) of `column`, whose physical type matches the writer's.
    virtual Status Write(const Column& column, size_t offset, size_t count) = 0;
    // Encoded bytes buffered so far (pages closed plus an estimate of the open page).
    virtual size_t buffered_bytes() const = 0;
    // Closes the chunk and resets the writer for the next row group.
    virtual Result<EncodedChunk> Finish() = 0;
};

Result<std::unique_ptr<ColumnChunkWriter>> MakeColumnChunkWriter(const WriterColumn& column,
                                                                 const WriterOptions& options, bool bloom_filter);

}  // namespace flashlake::format::parquet

#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "format/parquet/parquet_metadata.h"

namespace flashlake::format::parquet {

// Thrift compact encoding of the Parquet metadata structures. Decoders read one struct from the
// front of [data, data + size) and report how many bytes it took where the struct is followed by
// other data (page headers, bloom filter headers). Malformed input yields kCorruption whose
// message names the struct path and the fault, e.g. "FileMetaData.row_groups: RowGroup.columns:
// ColumnChunk: missing required field file_offset".

Status DecodeFileMetaData(const uint8_t* data, size_t size, FileMetaData* out);
Status DecodePageHeader(const uint8_t* data, size_t size, PageHeader* out, size_t* header_size);
Status DecodeColumnIndex(const uint8_t* data, size_t size, ColumnIndex* out);
Status DecodeOffsetIndex(const uint8_t* data, size_t size, OffsetIndex* out);
Status DecodeBloomFilterHeader(const uint8_t* data, size_t size, BloomFilterHeader* out, size_t* header_size);

void EncodeFileMetaData(const FileMetaData& metadata, std::string* out);
void EncodePageHeader(const PageHeader& header, std::string* out);
void EncodeColumnIndex(const ColumnIndex& index, std::string* out);
void EncodeOffsetIndex(const OffsetIndex& index, std::string* out);
void EncodeBloomFilterHeader(const BloomFilterHeader& header, std::string* out);

}  // namespace flashlake::format::parquet

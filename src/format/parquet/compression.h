#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "format/parquet/parquet_metadata.h"

namespace flashlake::format::parquet {

// Page compression codecs over Debian's libraries: snappy, zlib (GZIP), zstd, lz4 (LZ4_RAW and
// the deprecated Hadoop-framed LZ4) and brotli. LZO is not supported.

// Decompresses `in` into exactly `out_size` bytes at `out` (the page header says how many); a
// stream that yields fewer or more bytes is kCorruption. GZIP accepts concatenated members. LZ4
// tries the Hadoop framing first and falls back to a raw LZ4 block and then to the LZ4 frame
// format, as files labelled LZ4 were written all three ways.
Status Decompress(CompressionCodec codec, const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size);

// Appends the compressed form of `in` to `out`. `level` is codec specific; 0 means the codec's
// default. LZ4 (Hadoop) is written with the Hadoop framing.
Status Compress(CompressionCodec codec, const uint8_t* in, size_t in_size, int level, std::string* out);

bool IsCodecSupported(CompressionCodec codec);

}  // namespace flashlake::format::parquet

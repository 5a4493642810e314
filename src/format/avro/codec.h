#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace flashlake::format::avro {

// Block compression codecs of Avro object container files (the "avro.codec" metadata value).
//   null       blocks stored as is
//   deflate    raw deflate (RFC 1951: no zlib header or checksum)
//   snappy     snappy, followed by the CRC32 of the uncompressed bytes, 4 bytes big-endian
//   zstandard  one or more zstd frames
enum class Codec : uint8_t { kNull, kDeflate, kSnappy, kZstandard };

std::string_view CodecName(Codec codec);
// "null" (or an absent/empty value), "deflate", "snappy", "zstandard". The other codecs the spec
// names ("bzip2", "xz") are kNotSupported; any other name is kCorruption.
Result<Codec> ParseCodec(std::string_view name);

// Compresses `input` into `out` (replacing its contents). `level` < 0 picks the codec's default;
// snappy has no levels.
Status Compress(Codec codec, std::string_view input, int level, std::string* out);

// Decompresses `input` into `out`. Output larger than `max_output` bytes, malformed input and a
// snappy checksum mismatch are kCorruption; nothing larger than `max_output` is ever allocated.
Status Decompress(Codec codec, std::string_view input, size_t max_output, std::string* out);

}  // namespace flashlake::format::avro

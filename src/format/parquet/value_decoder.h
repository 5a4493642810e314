#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "common/arena.h"
#include "common/result.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/rle_hybrid.h"

namespace flashlake::format::parquet {

// An INT96 value as stored: nanoseconds of the day (little-endian int64), then the Julian day
// (little-endian int32).
struct Int96 {
    uint8_t bytes[12];
};

// Decodes the values section of a data or dictionary page into an array of the physical kind's
// value type: BOOLEAN -> uint8_t (0/1), INT32 -> int32_t, INT64 -> int64_t, INT96 -> Int96,
// FLOAT -> float, DOUBLE -> double, BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY -> StringView.
//
// One virtual call decodes a whole batch; the loops inside are per encoding and type. Byte array
// values are views into the page, which the caller keeps alive; values the decoder has to build
// (DELTA_BYTE_ARRAY prefixes, BYTE_STREAM_SPLIT byte arrays) are placed in `arena`.
class ValueDecoder {
public:
    virtual ~ValueDecoder() = default;
    // Decodes exactly `count` values; kCorruption when the page holds fewer.
    virtual Status Decode(void* out, size_t count, Arena* arena) = 0;
};

// A decoder for `encoding` over [data, data + size). `num_values` is the number of values the
// page holds (non-null ones), which fixed-layout encodings use to check the page size.
// Encodings that do not apply to the kind are kNotSupported (a writer bug or a newer encoding).
Result<std::unique_ptr<ValueDecoder>> MakeValueDecoder(Encoding encoding, PhysicalKind kind, int32_t type_length,
                                                       const uint8_t* data, size_t size, size_t num_values);

// Dictionary indices of a RLE_DICTIONARY / PLAIN_DICTIONARY data page: one byte of bit width,
// then the RLE/bit-packed hybrid.
class DictionaryIndexDecoder {
public:
    Status Init(const uint8_t* data, size_t size);
    Status Decode(int32_t* out, size_t count) { return rle_.Decode(out, count); }

private:
    RleHybridDecoder rle_;
};

// Bytes one value of a fixed-width physical kind occupies in PLAIN encoding (0 for byte arrays
// and booleans, which are not byte-aligned fixed width).
size_t PlainValueWidth(PhysicalKind kind, int32_t type_length);

}  // namespace flashlake::format::parquet

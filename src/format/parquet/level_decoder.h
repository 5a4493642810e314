#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/rle_hybrid.h"

namespace flashlake::format::parquet {

// Definition or repetition levels of one data page: RLE/bit-packed hybrid (4-byte length prefix
// in v1 pages, none in v2 where the header gives the length), or the deprecated BIT_PACKED
// encoding of old writers (most significant bit first, no prefix).
class LevelDecoder {
public:
    // Sets up decoding of `num_values` levels from [data, data + size); `consumed` receives the
    // bytes the levels occupy (v1 pages: the values section starts after them).
    Status Init(Encoding encoding, int16_t max_level, const uint8_t* data, size_t size, int64_t num_values,
                bool length_prefixed, size_t* consumed);
    Status Decode(int16_t* out, size_t count);

private:
    bool legacy_bit_packed_ = false;
    RleHybridDecoder rle_;
    const uint8_t* data_ = nullptr;
    size_t bit_position_ = 0;
    size_t bit_limit_ = 0;
    int bit_width_ = 0;
};

}  // namespace flashlake::format::parquet

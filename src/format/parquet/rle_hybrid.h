#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/status.h"

namespace flashlake::format::parquet {

// Decoder of the RLE/bit-packed hybrid encoding (definition and repetition levels, dictionary
// indices, RLE booleans). The input is a sequence of runs, each introduced by a ULEB128 header:
// an even header (count << 1) is a repeated value stored in ceil(bit_width / 8) little-endian
// bytes; an odd header (groups << 1 | 1) is `groups` groups of eight bit-packed values.
//
// Runs are consumed lazily, so a header claiming billions of values costs nothing until that many
// are asked for; asking for more values than the input holds is kCorruption.
class RleHybridDecoder {
public:
    RleHybridDecoder() = default;
    RleHybridDecoder(const uint8_t* data, size_t size, int bit_width) { Reset(data, size, bit_width); }

    void Reset(const uint8_t* data, size_t size, int bit_width);

    // Decodes exactly `count` values. T is any integer type wide enough for bit_width.
    template <typename T>
    Status Decode(T* out, size_t count);

    // Bytes consumed so far (whole runs; used where the hybrid data is followed by other data).
    size_t position() const { return static_cast<size_t>(cursor_ - data_); }

private:
    Status NextRun();
    Status Truncated() const;

    const uint8_t* data_ = nullptr;
    const uint8_t* cursor_ = nullptr;
    const uint8_t* end_ = nullptr;
    int bit_width_ = 0;
    size_t decoded_ = 0;  // values returned so far, for error messages

    // The current run.
    bool is_rle_ = false;
    uint64_t run_remaining_ = 0;  // values left in the run
    uint32_t rle_value_ = 0;
    // Bit-packed runs are consumed in whole groups; a partly consumed group is buffered.
    uint32_t group_[8] = {};
    int group_position_ = 8;  // next value in group_; 8 = empty
};

// Encoder of the RLE/bit-packed hybrid: runs of at least eight equal values starting on a group
// boundary become RLE runs, everything else is bit-packed (the last group padded with zeros).
void EncodeRleHybrid(const uint32_t* values, size_t count, int bit_width, std::string* out);

}  // namespace flashlake::format::parquet

#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/arena.h"
#include "common/result.h"
#include "types/string_view.h"

namespace flashlake::format::parquet {

// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, total value count, first value)
// followed by blocks, each a zigzag min delta, one bit width per miniblock and the bit-packed
// (delta - min delta) of every miniblock. Arithmetic wraps in 64 bits, which is exact modulo 2^32
// for INT32 columns too. Values are produced a miniblock at a time.
class DeltaBinaryPackedDecoder {
public:
    // Parses the header; the data may continue after the encoded values.
    Status Init(const uint8_t* data, size_t size);

    // Decodes exactly `count` values (int32_t or int64_t); kCorruption past the encoded count.
    template <typename T>
    Status Decode(T* out, size_t count);

    uint64_t total_values() const { return total_values_; }
    uint64_t values_left() const { return total_values_ - returned_; }
    // The byte just past the encoded values, found by walking the block headers without
    // decoding (DELTA_LENGTH_BYTE_ARRAY stores its bytes there).
    Result<size_t> EncodedSize() const;

private:
    Status LoadMiniblock();
    Status ReadBlockHeader();

    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t position_ = 0;
    uint64_t block_size_ = 0;
    uint64_t miniblocks_per_block_ = 0;
    uint64_t values_per_miniblock_ = 0;
    uint64_t total_values_ = 0;
    uint64_t returned_ = 0;
    uint64_t last_value_ = 0;
    bool first_returned_ = false;

    // Current block and miniblock.
    uint64_t min_delta_ = 0;
    std::vector<uint8_t> bit_widths_;
    size_t miniblock_index_ = 0;       // next miniblock of the block to load
    std::vector<uint64_t> miniblock_;  // decoded values of the loaded miniblock
    size_t miniblock_position_ = 0;
    size_t miniblock_size_ = 0;
};

// DELTA_LENGTH_BYTE_ARRAY: DELTA_BINARY_PACKED lengths, then the concatenated bytes. Values are
// views into the input, which must outlive them.
class DeltaLengthByteArrayDecoder {
public:
    Status Init(const uint8_t* data, size_t size);
    Status Decode(StringView* out, size_t count);
    // Bytes of the input used, once every value was decoded.
    size_t end_position() const { return static_cast<size_t>(bytes_ - data_); }

private:
    const uint8_t* data_ = nullptr;
    const uint8_t* bytes_ = nullptr;  // next value's bytes
    const uint8_t* end_ = nullptr;
    DeltaBinaryPackedDecoder lengths_;
    std::vector<int32_t> length_buffer_;
};

// DELTA_BYTE_ARRAY (incremental encoding): DELTA_BINARY_PACKED prefix lengths, then the suffixes
// as DELTA_LENGTH_BYTE_ARRAY; each value is the prefix of the previous value plus its suffix.
// Rebuilt values live in arenas that Decode hands to the caller to keep alive; the total size of
// rebuilt values is capped, so that a tiny page cannot expand without bound.
class DeltaByteArrayDecoder {
public:
    Status Init(const uint8_t* data, size_t size, size_t max_output_bytes);
    // `arena` receives the bytes of values that are not plain views of the input.
    Status Decode(StringView* out, size_t count, Arena* arena);

private:
    DeltaBinaryPackedDecoder prefixes_;
    DeltaLengthByteArrayDecoder suffixes_;
    std::vector<int32_t> prefix_buffer_;
    std::vector<StringView> suffix_buffer_;
    std::string previous_;  // a copy: the caller's arenas may die between batches
    size_t output_bytes_ = 0;
    size_t max_output_bytes_ = 0;
};

}  // namespace flashlake::format::parquet

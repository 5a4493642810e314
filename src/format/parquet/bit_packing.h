#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace flashlake::format::parquet {

// Bit packing as Parquet uses it in the RLE/bit-packed hybrid and the delta encodings: values of
// `bit_width` bits each, packed from the least significant bit of the first byte onwards.
//
// Unpacking is specialised per bit width (a table of template instances) and works on groups of
// eight values, which always end on a byte boundary, with 64-bit loads while enough input remains
// and byte-exact loads near the end so that it never reads past `in_size`.

// Unpacks `count` values from `in`, which must hold at least ceil(count * bit_width / 8) bytes.
// bit_width is 0..32 for the 32-bit variant and 0..64 for the 64-bit one.
void UnpackBits32(const uint8_t* in, size_t in_size, int bit_width, uint32_t* out, size_t count);
void UnpackBits64(const uint8_t* in, size_t in_size, int bit_width, uint64_t* out, size_t count);

// Appends `count` values packed at `bit_width` bits, padding the last byte with zero bits.
void PackBits(const uint64_t* values, size_t count, int bit_width, std::string* out);

// Bits needed to represent `value` (0 for 0).
inline int BitWidthOf(uint64_t value) {
    return value == 0 ? 0 : 64 - __builtin_clzll(value);
}

}  // namespace flashlake::format::parquet

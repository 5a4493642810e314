#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace flashlake::format::parquet {

// XXH64 of `size` bytes with seed 0, the hash Parquet bloom filters use.
uint64_t XxHash64(const void* data, size_t size, uint64_t seed = 0);

// A Parquet split-block bloom filter: blocks of eight 32-bit words; a value's 64-bit hash picks a
// block with its high half and sets one bit per word with its low half times eight salts.
// Values are hashed in their PLAIN encoding (byte arrays without the length prefix).
class BloomFilter {
public:
    static constexpr size_t kBytesPerBlock = 32;

    // An empty filter of `num_bytes` (rounded up to whole blocks, at least one).
    static BloomFilter WithSize(size_t num_bytes);
    // A filter over a bitset read from a file; the size must be a positive multiple of 32.
    static Result<BloomFilter> FromBitset(std::string bitset);
    // Bytes for `distinct_values` at false-positive probability `fpp`, a power of two within
    // [32 bytes, max_bytes].
    static size_t OptimalNumBytes(uint64_t distinct_values, double fpp, size_t max_bytes);

    void InsertHash(uint64_t hash);
    bool MightContainHash(uint64_t hash) const;
    bool MightContain(std::string_view plain_bytes) const {
        return MightContainHash(XxHash64(plain_bytes.data(), plain_bytes.size()));
    }

    const std::string& bitset() const { return bitset_; }

private:
    explicit BloomFilter(std::string bitset) : bitset_(std::move(bitset)) {}

    std::string bitset_;
};

}  // namespace flashlake::format::parquet

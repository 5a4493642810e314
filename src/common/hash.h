#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace flashlake {

// Fast non-cryptographic hashing for hash tables (joins, aggregation, distinct). Not stable
// across versions: never persist these values (lake/ has Paimon's own Murmur3 for buckets).

inline uint64_t HashMix(uint64_t value) {
    // A multiply-xorshift finaliser: every input bit affects every output bit.
    value ^= value >> 32;
    value *= 0xd6e8feb86659fd93ULL;
    value ^= value >> 32;
    value *= 0xd6e8feb86659fd93ULL;
    value ^= value >> 32;
    return value;
}

inline uint64_t HashCombine(uint64_t seed, uint64_t value) { return HashMix(seed ^ (value + 0x9e3779b97f4a7c15ULL)); }

uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0);

}  // namespace flashlake

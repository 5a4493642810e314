#include "format/parquet/bloom_filter.h"

#include <cmath>
#include <cstring>

namespace flashlake::format::parquet {

namespace {

constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;

constexpr uint32_t kSalt[8] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
                               0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U};

inline uint64_t Rotl(uint64_t x, int r) {
    return (x << r) | (x >> (64 - r));
}
inline uint64_t Load64(const uint8_t* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline uint32_t Load32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
inline uint64_t Round(uint64_t acc, uint64_t input) {
    return Rotl(acc + input * kPrime2, 31) * kPrime1;
}
inline uint64_t MergeRound(uint64_t acc, uint64_t value) {
    return (acc ^ Round(0, value)) * kPrime1 + kPrime4;
}

}  // namespace

uint64_t XxHash64(const void* data, size_t size, uint64_t seed) {
    const auto* p = static_cast<const uint8_t*>(data);
    const uint8_t* end = p + size;
    uint64_t hash;
    if (size >= 32) {
        uint64_t v1 = seed + kPrime1 + kPrime2, v2 = seed + kPrime2, v3 = seed, v4 = seed - kPrime1;
        const uint8_t* limit = end - 32;
        do {
            v1 = Round(v1, Load64(p));
            v2 = Round(v2, Load64(p + 8));
            v3 = Round(v3, Load64(p + 16));
            v4 = Round(v4, Load64(p + 24));
            p += 32;
        } while (p <= limit);
        hash = Rotl(v1, 1) + Rotl(v2, 7) + Rotl(v3, 12) + Rotl(v4, 18);
        hash = MergeRound(hash, v1);
        hash = MergeRound(hash, v2);
        hash = MergeRound(hash, v3);
        hash = MergeRound(hash, v4);
    } else {
        hash = seed + kPrime5;
    }
    hash += size;
    while (p + 8 <= end) {
        hash ^= Round(0, Load64(p));
        hash = Rotl(hash, 27) * kPrime1 + kPrime4;
        p += 8;
    }
    if (p + 4 <= end) {
        hash ^= static_cast<uint64_t>(Load32(p)) * kPrime1;
        hash = Rotl(hash, 23) * kPrime2 + kPrime3;
        p += 4;
    }
    while (p < end) {
        hash ^= static_cast<uint64_t>(*p) * kPrime5;
        hash = Rotl(hash, 11) * kPrime1;
        ++p;
    }
    hash ^= hash >> 33;
    hash *= kPrime2;
    hash ^= hash >> 29;
    hash *= kPrime3;
    hash ^= hash >> 32;
    return hash;
}

BloomFilter BloomFilter::WithSize(size_t num_bytes) {
    size_t blocks = (num_bytes + kBytesPerBlock - 1) / kBytesPerBlock;
    if (blocks == 0) blocks = 1;
    return BloomFilter(std::string(blocks * kBytesPerBlock, '\0'));
}

Result<BloomFilter> BloomFilter::FromBitset(std::string bitset) {
    if (bitset.empty() || bitset.size() % kBytesPerBlock != 0) {
        return Status::Corruption("bloom filter of " + std::to_string(bitset.size()) +
                                  " bytes is not a whole number of 32-byte blocks");
    }
    return BloomFilter(std::move(bitset));
}

size_t BloomFilter::OptimalNumBytes(uint64_t distinct_values, double fpp, size_t max_bytes) {
    // m = -8 n / ln(1 - p^(1/8)) bits for a split-block filter.
    double bits = -8.0 * static_cast<double>(distinct_values) / std::log(1.0 - std::pow(fpp, 1.0 / 8.0));
    size_t bytes = kBytesPerBlock;
    while (bytes < bits / 8 && bytes < max_bytes) bytes <<= 1;
    return bytes;
}

void BloomFilter::InsertHash(uint64_t hash) {
    size_t blocks = bitset_.size() / kBytesPerBlock;
    size_t block = static_cast<size_t>(((hash >> 32) * blocks) >> 32);
    auto key = static_cast<uint32_t>(hash);
    char* words = bitset_.data() + block * kBytesPerBlock;
    for (int i = 0; i < 8; ++i) {
        uint32_t word;
        std::memcpy(&word, words + 4 * i, 4);
        word |= uint32_t{1} << ((key * kSalt[i]) >> 27);
        std::memcpy(words + 4 * i, &word, 4);
    }
}

bool BloomFilter::MightContainHash(uint64_t hash) const {
    size_t blocks = bitset_.size() / kBytesPerBlock;
    size_t block = static_cast<size_t>(((hash >> 32) * blocks) >> 32);
    auto key = static_cast<uint32_t>(hash);
    const char* words = bitset_.data() + block * kBytesPerBlock;
    for (int i = 0; i < 8; ++i) {
        uint32_t word;
        std::memcpy(&word, words + 4 * i, 4);
        if ((word & (uint32_t{1} << ((key * kSalt[i]) >> 27))) == 0) return false;
    }
    return true;
}

}  // namespace flashlake::format::parquet

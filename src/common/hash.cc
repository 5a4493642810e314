#include "common/hash.h"

namespace flashlake {

uint64_t HashBytes(const void* data, size_t size, uint64_t seed) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    uint64_t hash = seed ^ (size * 0x9e3779b97f4a7c15ULL);
    while (size >= 8) {
        uint64_t word;
        std::memcpy(&word, bytes, 8);
        hash = HashMix(hash ^ word) + 0x632be59bd9b4e019ULL;
        bytes += 8;
        size -= 8;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, bytes, size);
    return HashMix(hash ^ tail ^ (uint64_t(size) << 56));
}

}  // namespace flashlake

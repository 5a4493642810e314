#pragma once

#include <cstdint>

namespace flashlake::bench {

// Random numbers for the generators. Everything here is defined bit for bit (no std::
// distributions, whose output differs between standard libraries), so a given seed makes the
// same files with any compiler and any thread count.

// One SplitMix64 step: advances `state` and returns a well-mixed 64-bit value.
inline uint64_t SplitMix64(uint64_t& state) {
    state += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// A stateless 64-bit hash, used to derive per-entity attributes (a user's city, an item's shop).
inline uint64_t Mix64(uint64_t x) {
    return SplitMix64(x);
}

// Maps a 64-bit hash to [0, 1) with 53 bits of precision.
inline double HashToUnit(uint64_t h) {
    return static_cast<double>(h >> 11) * 0x1.0p-53;
}

// Maps a 64-bit hash to [0, n) by a multiply-shift: unbiased enough (below n / 2^64) for data.
inline uint64_t HashBelow(uint64_t h, uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(h) * n) >> 64);
}

// Seed of one independent stream: a table (`stream`) and a block of its rows (`index`). Blocks
// are the unit of parallelism, so rows depend on (seed, stream, index) and never on a thread.
inline uint64_t StreamSeed(uint64_t seed, uint64_t stream, uint64_t index) {
    return Mix64(Mix64(seed ^ Mix64(stream + 0x51ed2701u)) + index);
}

// xoshiro256** (Blackman and Vigna): fast, 256 bits of state, seeded through SplitMix64.
class Rng {
public:
    explicit Rng(uint64_t seed) {
        for (uint64_t& word : s_) word = SplitMix64(seed);
    }

    uint64_t Next() {
        const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = Rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n). One draw per call, so the stream position never depends on the values.
    uint64_t Below(uint64_t n) { return HashBelow(Next(), n); }

    // Uniform in [lo, hi], both inclusive.
    int64_t Between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(uint64_t(hi - lo) + 1)); }

    // Uniform in [0, 1).
    double Unit() { return HashToUnit(Next()); }

    // True with probability per_10000 / 10000.
    bool Chance(uint32_t per_10000) { return Below(10000) < per_10000; }

private:
    static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    uint64_t s_[4];
};

}  // namespace flashlake::bench

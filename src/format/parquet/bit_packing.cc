#include "format/parquet/bit_packing.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "common/check.h"

namespace flashlake::format::parquet {

namespace {

inline uint64_t LoadWord(const uint8_t* p) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}

// Loads up to 8 bytes at `byte`, zero-filling past the end of the input.
inline uint64_t LoadWordSafe(const uint8_t* in, size_t in_size, size_t byte) {
    uint64_t word = 0;
    if (byte < in_size) std::memcpy(&word, in + byte, in_size - byte < 8 ? in_size - byte : 8);
    return word;
}

template <int kWidth>
inline uint64_t ExtractFast(const uint8_t* base, size_t bit) {
    constexpr uint64_t kMask = kWidth == 64 ? ~uint64_t{0} : (uint64_t{1} << kWidth) - 1;
    const uint8_t* p = base + (bit >> 3);
    const unsigned shift = bit & 7;
    uint64_t value = LoadWord(p) >> shift;
    if constexpr (kWidth > 56) {
        // The value may straddle the 8-byte window; its high bits are in the ninth byte.
        if (shift != 0) value |= static_cast<uint64_t>(p[8]) << (64 - shift);
    }
    return value & kMask;
}

template <int kWidth>
inline uint64_t ExtractSafe(const uint8_t* in, size_t in_size, size_t bit) {
    constexpr uint64_t kMask = kWidth == 64 ? ~uint64_t{0} : (uint64_t{1} << kWidth) - 1;
    const size_t byte = bit >> 3;
    const unsigned shift = bit & 7;
    uint64_t value = LoadWordSafe(in, in_size, byte) >> shift;
    if constexpr (kWidth > 56) {
        if (shift != 0 && byte + 8 < in_size) value |= static_cast<uint64_t>(in[byte + 8]) << (64 - shift);
    }
    return value & kMask;
}

template <int kWidth, typename T>
void UnpackWidth(const uint8_t* in, size_t in_size, T* out, size_t count) {
    if constexpr (kWidth == 0) {
        std::fill_n(out, count, T{0});
    } else {
        // Groups of eight values span kWidth bytes; a group is fast when all its 8-byte (9 for
        // wide values) windows lie inside the input.
        size_t i = 0;
        const size_t group_bytes = kWidth;
        while (i + 8 <= count) {
            const size_t first_byte = i / 8 * group_bytes;
            if (first_byte + group_bytes + 9 > in_size) break;
            const uint8_t* base = in + first_byte;
#pragma GCC unroll 8
            for (int j = 0; j < 8; ++j) out[i + j] = static_cast<T>(ExtractFast<kWidth>(base, j * kWidth));
            i += 8;
        }
        for (; i < count; ++i) out[i] = static_cast<T>(ExtractSafe<kWidth>(in, in_size, i * kWidth));
    }
}

template <typename T, size_t... kWidths>
constexpr auto MakeTable(std::index_sequence<kWidths...>) {
    using Fn = void (*)(const uint8_t*, size_t, T*, size_t);
    return std::array<Fn, sizeof...(kWidths)>{&UnpackWidth<static_cast<int>(kWidths), T>...};
}

constexpr auto kUnpack32 = MakeTable<uint32_t>(std::make_index_sequence<33>{});
constexpr auto kUnpack64 = MakeTable<uint64_t>(std::make_index_sequence<65>{});

}  // namespace

void UnpackBits32(const uint8_t* in, size_t in_size, int bit_width, uint32_t* out, size_t count) {
    FL_CHECK(bit_width >= 0 && bit_width <= 32, "bit width ", bit_width);
    kUnpack32[bit_width](in, in_size, out, count);
}

void UnpackBits64(const uint8_t* in, size_t in_size, int bit_width, uint64_t* out, size_t count) {
    FL_CHECK(bit_width >= 0 && bit_width <= 64, "bit width ", bit_width);
    kUnpack64[bit_width](in, in_size, out, count);
}

void PackBits(const uint64_t* values, size_t count, int bit_width, std::string* out) {
    if (bit_width == 0 || count == 0) return;
    const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
    size_t start = out->size();
    out->resize(start + (count * bit_width + 7) / 8, 0);
    auto* bytes = reinterpret_cast<uint8_t*>(out->data() + start);
    size_t bit = 0;
    for (size_t i = 0; i < count; ++i) {
        uint64_t value = values[i] & mask;
        int remaining = bit_width;
        while (remaining > 0) {
            size_t byte = bit >> 3;
            int shift = static_cast<int>(bit & 7);
            int take = 8 - shift < remaining ? 8 - shift : remaining;
            bytes[byte] |= static_cast<uint8_t>((value & ((uint64_t{1} << take) - 1)) << shift);
            value >>= take;
            remaining -= take;
            bit += take;
        }
    }
}

}  // namespace flashlake::format::parquet

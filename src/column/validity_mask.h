#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace flashlake {

// One bit per row, 1 = valid (not NULL). An empty mask means every row is valid, so columns
// without NULLs carry no bitmap and kernels can skip the null checks entirely.
class ValidityMask {
public:
    bool AllValid() const { return bits_.empty(); }
    bool IsValid(size_t row) const { return bits_.empty() || ((bits_[row >> 6] >> (row & 63)) & 1); }

    void SetInvalid(size_t row, size_t num_rows) {
        if (bits_.empty()) bits_.assign((num_rows + 63) / 64, ~uint64_t{0});
        bits_[row >> 6] &= ~(uint64_t{1} << (row & 63));
    }
    void SetValid(size_t row) {
        if (!bits_.empty()) bits_[row >> 6] |= uint64_t{1} << (row & 63);
    }
    void Set(size_t row, bool valid, size_t num_rows) {
        if (valid) SetValid(row);
        else SetInvalid(row, num_rows);
    }
    // Keeps the mask covering `num_rows` rows (new rows valid).
    void Resize(size_t num_rows) {
        if (!bits_.empty()) bits_.resize((num_rows + 63) / 64, ~uint64_t{0});
    }
    void Reset() { bits_.clear(); }
    size_t CountInvalid(size_t num_rows) const;

    const uint64_t* words() const { return bits_.data(); }

private:
    std::vector<uint64_t> bits_;
};

inline size_t ValidityMask::CountInvalid(size_t num_rows) const {
    if (bits_.empty()) return 0;
    size_t valid = 0;
    size_t full_words = num_rows / 64;
    for (size_t i = 0; i < full_words; ++i) valid += __builtin_popcountll(bits_[i]);
    for (size_t row = full_words * 64; row < num_rows; ++row) valid += IsValid(row);
    return num_rows - valid;
}

}  // namespace flashlake

#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace flashlake::bench {

// Skewed choices for realistic data: Zipf-like popularity, scattered ids, weighted picks.

// Draws ranks in [0, n) with P(rank r) roughly proportional to (r + 1)^-s. It inverts the CDF of
// the continuous density x^-s on [1, n + 1) instead of tabulating n exact probabilities: within
// a few percent of true Zipf for all but the first ranks, and O(1) memory for 20M users.
class ZipfSampler {
public:
    ZipfSampler(uint64_t n, double s);

    // `u` uniform in [0, 1).
    uint64_t Rank(double u) const;

private:
    uint64_t n_;
    double exponent_;  // 1 - s
    double span_;      // (n + 1)^(1 - s) - 1, or log(n + 1) when s == 1
};

// A bijection of [0, n) that spreads popular ranks over the id space, so that the hottest user
// is not user 1 and neighbouring ids are not equally popular: rank * multiplier + offset mod n,
// with the multiplier coprime to n. Needs n < 2^32 so the product fits in 64 bits.
class IdScatter {
public:
    explicit IdScatter(uint64_t n);

    uint64_t operator()(uint64_t rank) const { return (rank % n_ * multiplier_ + offset_) % n_; }

private:
    uint64_t n_;
    uint64_t multiplier_;
    uint64_t offset_;
};

// Picks an index with probability proportional to integer weights, from a uniform draw in
// [0, Total()). Tables are small (at most a few hundred entries), so a linear scan is fine.
class WeightedPick {
public:
    explicit WeightedPick(std::span<const uint32_t> weights);

    uint64_t Total() const { return cumulative_.back(); }
    uint32_t Pick(uint64_t draw) const;

private:
    std::vector<uint64_t> cumulative_;
};

}  // namespace flashlake::bench

#include "skew.h"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "rng.h"

namespace flashlake::bench {

ZipfSampler::ZipfSampler(uint64_t n, double s) : n_(n), exponent_(1.0 - s) {
    if (n == 0) throw std::invalid_argument("ZipfSampler needs at least one rank");
    const double top = static_cast<double>(n) + 1.0;
    span_ = exponent_ == 0.0 ? std::log(top) : std::pow(top, exponent_) - 1.0;
}

uint64_t ZipfSampler::Rank(double u) const {
    const double x = exponent_ == 0.0 ? std::exp(u * span_) : std::pow(1.0 + u * span_, 1.0 / exponent_);
    // x lies in [1, n + 1); rounding at the top end can reach n + 1 itself.
    const uint64_t rank = static_cast<uint64_t>(x) - 1;
    return rank < n_ ? rank : n_ - 1;
}

IdScatter::IdScatter(uint64_t n) : n_(n) {
    if (n == 0) throw std::invalid_argument("IdScatter needs a non-empty range");
    // Near n times the golden ratio, so consecutive ranks land far apart.
    multiplier_ = static_cast<uint64_t>(static_cast<double>(n) * 0.6180339887) | 1;
    while (std::gcd(multiplier_, n_) != 1) multiplier_ += 2;
    multiplier_ %= n_;
    if (n_ > 1 && multiplier_ == 0) multiplier_ = 1;
    // A hashed offset, so the hottest rank does not land on a patterned id like n / 3.
    offset_ = HashBelow(Mix64(n_), n_);
}

WeightedPick::WeightedPick(std::span<const uint32_t> weights) {
    uint64_t sum = 0;
    for (const uint32_t weight : weights) {
        sum += weight;
        cumulative_.push_back(sum);
    }
    if (sum == 0) throw std::invalid_argument("WeightedPick needs a positive total weight");
}

uint32_t WeightedPick::Pick(uint64_t draw) const {
    uint32_t index = 0;
    while (cumulative_[index] <= draw) ++index;
    return index;
}

}  // namespace flashlake::bench

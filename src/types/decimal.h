#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "types/int128.h"

namespace flashlake {

// Fixed-point decimals: a DECIMAL(p, s) value is the integer value * 10^-s, kept in an int64
// (p <= 18) or int128 (p <= 38). Every operation checks that the result fits p digits and
// reports overflow instead of wrapping.
namespace decimal {

// 10^exponent for exponent in [0, 38].
int128_t PowerOfTen(int exponent);
// The largest unscaled value of `precision` digits: 10^precision - 1.
inline int128_t MaxUnscaled(int precision) { return PowerOfTen(precision) - 1; }
inline bool FitsPrecision(int128_t unscaled, int precision) {
    int128_t max = MaxUnscaled(precision);
    return unscaled <= max && unscaled >= -max;
}

// Parses "-12.345", "1e3", " 7 " into an unscaled value at `scale`, rounding half away from zero
// when more fractional digits are given. Fails on bad syntax or when it does not fit `precision`.
Result<int128_t> Parse(std::string_view text, int precision, int scale);
// "12.30" for unscaled 1230 at scale 2.
std::string Format(int128_t unscaled, int scale);

// Changes the scale, rounding half away from zero when it shrinks; fails past `precision`.
Result<int128_t> Rescale(int128_t unscaled, int from_scale, int to_scale, int precision);

// Overflow-checked arithmetic on unscaled values (operands already at the result's scale for
// Add/Subtract; Multiply's result scale is the sum of the operand scales).
bool AddOverflows(int128_t a, int128_t b, int128_t* out);
bool MultiplyOverflows(int128_t a, int128_t b, int128_t* out);

double ToDouble(int128_t unscaled, int scale);
// Fails when `value` is not finite or does not fit `precision`.
Result<int128_t> FromDouble(double value, int precision, int scale);

}  // namespace decimal
}  // namespace flashlake

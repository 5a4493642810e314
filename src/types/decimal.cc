#include "types/decimal.h"

#include <array>
#include <cctype>
#include <cmath>

namespace flashlake {

std::string Int128ToString(int128_t value) {
    if (value == 0) return "0";
    bool negative = value < 0;
    uint128_t magnitude = negative ? -static_cast<uint128_t>(value) : static_cast<uint128_t>(value);
    char buffer[48];
    int pos = sizeof(buffer);
    while (magnitude > 0) {
        buffer[--pos] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
        magnitude /= 10;
    }
    if (negative) buffer[--pos] = '-';
    return std::string(buffer + pos, sizeof(buffer) - pos);
}

namespace decimal {

namespace {

constexpr std::array<int128_t, 39> MakePowers() {
    std::array<int128_t, 39> powers{};
    powers[0] = 1;
    for (size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
    return powers;
}
constexpr auto kPowers = MakePowers();

Status OutOfRange(std::string_view text, int precision, int scale) {
    return Status(ErrorCode::kNumericOverflow, ConcatParts("value '", text, "' is out of range for DECIMAL(",
                                                           precision, ",", scale, ")"));
}

// Divides by 10^digits rounding half away from zero.
int128_t DivideRounded(int128_t value, int digits) {
    int128_t divisor = kPowers[digits];
    int128_t quotient = value / divisor;
    int128_t remainder = value % divisor;
    if (remainder * 2 >= divisor) ++quotient;
    else if (remainder * 2 <= -divisor) --quotient;
    return quotient;
}

}  // namespace

int128_t PowerOfTen(int exponent) { return kPowers[exponent]; }

Result<int128_t> Parse(std::string_view text, int precision, int scale) {
    std::string_view original = text;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    // Collect up to 40 significant digits and the position of the decimal point.
    int128_t digits = 0;
    int num_digits = 0, fraction_digits = 0, dropped_integer_digits = 0;
    bool seen_point = false, any_digit = false;
    size_t i = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == '.' && !seen_point) {
            seen_point = true;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c))) break;
        any_digit = true;
        if (num_digits == 0 && c == '0' && !seen_point) continue;  // leading zeros
        if (num_digits < 38) {
            digits = digits * 10 + (c - '0');
            ++num_digits;
            if (seen_point) ++fraction_digits;
        } else if (!seen_point) {
            ++dropped_integer_digits;  // too many integer digits: certain overflow
        }  // fractional digits past 38 significant ones are dropped
    }
    int exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E') && any_digit) {
        ++i;
        bool exp_negative = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
        if (i >= text.size()) return Status(ErrorCode::kInvalidValue, ConcatParts("bad decimal '", original, "'"));
        for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            if (exponent < 1000) exponent = exponent * 10 + (text[i] - '0');
        }
        if (exp_negative) exponent = -exponent;
    }
    if (!any_digit || i != text.size()) {
        return Status(ErrorCode::kInvalidValue, ConcatParts("bad decimal '", original, "'"));
    }
    if (dropped_integer_digits > 0) return OutOfRange(original, precision, scale);
    // value = digits * 10^(exponent - fraction_digits); bring it to `scale`.
    int shift = scale + exponent - fraction_digits;
    int128_t unscaled;
    if (shift >= 0) {
        if (digits != 0 && (shift > 38 || num_digits + shift > 38)) return OutOfRange(original, precision, scale);
        unscaled = digits * kPowers[std::min(shift, 38)];
    } else if (-shift > 38) {
        unscaled = 0;
    } else {
        unscaled = DivideRounded(digits, -shift);
    }
    if (negative) unscaled = -unscaled;
    if (!FitsPrecision(unscaled, precision)) return OutOfRange(original, precision, scale);
    return unscaled;
}

std::string Format(int128_t unscaled, int scale) {
    std::string digits = Int128ToString(unscaled < 0 ? -unscaled : unscaled);
    if (scale > 0) {
        if (digits.size() <= static_cast<size_t>(scale)) digits.insert(0, scale + 1 - digits.size(), '0');
        digits.insert(digits.size() - scale, 1, '.');
    }
    if (unscaled < 0) digits.insert(0, 1, '-');
    return digits;
}

Result<int128_t> Rescale(int128_t unscaled, int from_scale, int to_scale, int precision) {
    int128_t result;
    if (to_scale >= from_scale) {
        int diff = to_scale - from_scale;
        if (MultiplyOverflows(unscaled, kPowers[diff], &result) || !FitsPrecision(result, precision)) {
            return OutOfRange(Format(unscaled, from_scale), precision, to_scale);
        }
        return result;
    }
    result = DivideRounded(unscaled, from_scale - to_scale);
    if (!FitsPrecision(result, precision)) return OutOfRange(Format(unscaled, from_scale), precision, to_scale);
    return result;
}

bool AddOverflows(int128_t a, int128_t b, int128_t* out) { return __builtin_add_overflow(a, b, out); }

bool MultiplyOverflows(int128_t a, int128_t b, int128_t* out) { return __builtin_mul_overflow(a, b, out); }

double ToDouble(int128_t unscaled, int scale) {
    return static_cast<double>(unscaled) / static_cast<double>(kPowers[scale]);
}

Result<int128_t> FromDouble(double value, int precision, int scale) {
    double scaled = std::round(value * static_cast<double>(kPowers[scale]));
    if (!std::isfinite(scaled) || std::fabs(scaled) >= static_cast<double>(kPowers[precision])) {
        return OutOfRange(std::to_string(value), precision, scale);
    }
    return static_cast<int128_t>(scaled);
}

}  // namespace decimal
}  // namespace flashlake

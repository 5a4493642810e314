#pragma once

#include <optional>
#include <string_view>

#include "common/result.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace flashlake {

// Conversion rules between types, shared by the constant folder (on Values) and the vectorized
// CAST kernels in functions/ (on raw values through the Parse* helpers).
//
// As in StarRocks, an explicit CAST of a value that cannot be converted (bad text, out of range)
// yields NULL; with `strict` it is an error that names the value and the target type, which is
// what INSERT and implicit literal coercion use.
Result<Value> CastValue(const Value& value, const LogicalType& target, bool strict);

// Text parsers shared by casts and loaders; nullopt when the text is not a valid value.
std::optional<int64_t> ParseInteger(std::string_view text);
std::optional<int128_t> ParseLargeInteger(std::string_view text);
std::optional<double> ParseFloating(std::string_view text);
std::optional<bool> ParseBoolean(std::string_view text);

// Range of each integer type, for overflow checks.
bool IntegerFitsType(int128_t value, TypeId type);

}  // namespace flashlake

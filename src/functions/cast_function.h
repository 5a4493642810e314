#pragma once

#include "functions/scalar_function.h"

namespace flashlake::functions {

// The kernel converting a column of `from` to `to`, with types/cast.h's rules: an explicit CAST
// gives NULL for values that do not convert; `strict` (INSERT, literal coercion) makes that an
// error naming the value. The kernel takes one argument column.
Result<ScalarKernel> BindCast(const LogicalType& from, const LogicalType& to, bool strict);

}  // namespace flashlake::functions

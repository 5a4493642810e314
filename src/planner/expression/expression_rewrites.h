#pragma once

#include <cstddef>
#include <set>
#include <vector>

#include "planner/expression/bound_expression.h"

namespace flashlake::planner {

// Small rewrites of bound expressions shared by optimizer passes.

// Input column positions the expression reads.
void CollectColumns(const BoundExpression& expression, std::set<size_t>& columns);
// Adds `delta` to every column position (moving an expression between a join and its children).
void ShiftColumns(BoundExpression& expression, std::ptrdiff_t delta);
// Replaces column references by the expressions they name in `definitions` (pushing a predicate
// below a projection).
BoundExprPtr SubstituteColumns(const BoundExpression& expression, const std::vector<BoundExprPtr>& definitions);
// `a AND b AND c` as [a, b, c]; other expressions as themselves.
void SplitConjuncts(BoundExprPtr expression, std::vector<BoundExprPtr>& conjuncts);
// An equality `left = right` (function "eq"), or null.
const BoundExpression* AsEquality(const BoundExpression& expression);

}  // namespace flashlake::planner

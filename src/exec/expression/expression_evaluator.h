#pragma once

#include "column/chunk.h"
#include "column/selection_vector.h"
#include "planner/expression/bound_expression.h"

namespace flashlake::exec {

// Evaluates bound expressions over a chunk, a column at a time. Throws QueryError on errors the
// expression raises (overflow, strict casts); the pipeline driver turns them into a Status.
class ExpressionEvaluator {
public:
    // A column of input.num_rows() rows (possibly constant-encoded).
    static ColumnPtr Evaluate(const planner::BoundExpression& expression, const Chunk& input);
    // The rows of `input` for which the boolean `predicate` is true (NULL counts as false).
    static SelectionVector Select(const planner::BoundExpression& predicate, const Chunk& input);
    // The value of an expression that references no column.
    static Value EvaluateConstant(const planner::BoundExpression& expression);
};

}  // namespace flashlake::exec

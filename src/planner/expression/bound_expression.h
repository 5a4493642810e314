#pragma once

#include <memory>
#include <string>
#include <vector>

#include "functions/scalar_function.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace flashlake::planner {

enum class BoundExprKind {
    kConstant,   // `constant`
    kColumnRef,  // column `column_index` of the operator's input chunk
    kFunction,   // `function` applied to `children`, each already of function.argument_types
    kCast,       // children[0] converted by `cast_kernel`
    kCase,       // children: when1, then1, when2, then2, ..., else (else is always present, NULL if omitted)
};

// An expression after binding: names resolved to input positions, types known, functions
// resolved to kernels and implicit casts made explicit. Planner passes rewrite these trees;
// exec/expression evaluates them a chunk at a time.
struct BoundExpression {
    BoundExprKind kind = BoundExprKind::kConstant;
    LogicalType type;
    Value constant;                          // kConstant
    size_t column_index = 0;                 // kColumnRef
    std::string name;                        // kColumnRef: the column's name, for EXPLAIN
    functions::BoundScalarFunction function; // kFunction
    functions::ScalarKernel cast_kernel;     // kCast
    bool strict_cast = false;                // kCast: error instead of NULL on a bad value
    std::vector<std::unique_ptr<BoundExpression>> children;

    // SQL-like text for EXPLAIN: `add(#0, 1)`, `CAST(#1 AS DATE)`.
    std::string ToString() const;
    std::unique_ptr<BoundExpression> Clone() const;
    bool IsConstant() const { return kind == BoundExprKind::kConstant; }
    // True when the value depends on no input column and every function is deterministic.
    bool IsFoldable() const;
    // True when some function in it gives other results for equal arguments (rand()): such an
    // expression may be neither moved nor computed once for several uses.
    bool HasVolatileFunction() const;
};

using BoundExprPtr = std::unique_ptr<BoundExpression>;

BoundExprPtr MakeConstant(Value value);
BoundExprPtr MakeColumnRef(size_t index, LogicalType type, std::string name);
// Casts `child` to `target`, or returns it unchanged when it already has that type. A cast that
// no rule allows is a kInvalidCast error.
Result<BoundExprPtr> MakeCast(BoundExprPtr child, const LogicalType& target, bool strict);

}  // namespace flashlake::planner

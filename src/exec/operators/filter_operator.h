#pragma once

#include "exec/expression/expression_evaluator.h"
#include "exec/operators/operator.h"

namespace flashlake::exec {

// Keeps the rows for which the predicate is true.
class FilterOperator : public StreamOperator {
public:
    explicit FilterOperator(const planner::BoundExpression& predicate) : predicate_(predicate) {}
    bool Process(ExecContext& context, Chunk& chunk) override {
        SelectionVector selection = ExpressionEvaluator::Select(predicate_, chunk);
        if (selection.size() != chunk.num_rows()) chunk = chunk.Select(selection);
        return true;
    }

private:
    const planner::BoundExpression& predicate_;
};

}  // namespace flashlake::exec

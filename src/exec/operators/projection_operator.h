#pragma once

#include <vector>

#include "exec/expression/expression_evaluator.h"
#include "exec/operators/operator.h"

namespace flashlake::exec {

// Replaces the chunk's columns by the values of `expressions`.
class ProjectionOperator : public StreamOperator {
public:
    explicit ProjectionOperator(const std::vector<planner::BoundExprPtr>& expressions) : expressions_(expressions) {}
    bool Process(ExecContext& context, Chunk& chunk) override {
        std::vector<ColumnPtr> columns;
        columns.reserve(expressions_.size());
        for (const auto& expression : expressions_) columns.push_back(ExpressionEvaluator::Evaluate(*expression, chunk));
        chunk = Chunk(std::move(columns), chunk.num_rows());
        return true;
    }

private:
    const std::vector<planner::BoundExprPtr>& expressions_;  // owned by the plan, which outlives execution
};

}  // namespace flashlake::exec

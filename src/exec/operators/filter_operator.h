#pragma once

#include "exec/expression/expression_evaluator.h"
#include "exec/operators/operator.h"

namespace flashlake::exec {

// Keeps the rows for which every predicate (a conjunction) is true. Each predicate runs on the
// rows the previous ones kept, so the cheap, selective ones the optimizer puts first save work.
class FilterOperator : public StreamOperator {
public:
    explicit FilterOperator(const std::vector<planner::BoundExprPtr>& predicates) : predicates_(predicates) {}
    bool Process(ExecContext& context, Chunk& chunk) override {
        for (const auto& predicate : predicates_) {
            SelectionVector selection = ExpressionEvaluator::Select(*predicate, chunk);
            if (selection.size() != chunk.num_rows()) chunk = chunk.Select(selection);
            if (chunk.empty()) break;
        }
        return true;
    }

private:
    const std::vector<planner::BoundExprPtr>& predicates_;  // owned by the plan
};

}  // namespace flashlake::exec

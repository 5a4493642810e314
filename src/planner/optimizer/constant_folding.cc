#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

void FoldConstants(planner::BoundExprPtr& expression, const ConstantEvaluator& evaluate) {
    if (expression->kind == planner::BoundExprKind::kConstant) return;
    if (expression->IsFoldable()) {
        LogicalType type = expression->type;
        Value value = evaluate(*expression);
        expression = planner::MakeConstant(std::move(value));
        expression->type = type;  // keep e.g. VARCHAR length and DECIMAL scale of the original
        expression->constant = expression->constant.is_null() ? Value::Null(type) : expression->constant;
        return;
    }
    for (auto& child : expression->children) FoldConstants(child, evaluate);
}

void FoldConstants(LogicalOperatorPtr& plan, const ConstantEvaluator& evaluate) {
    for (auto& child : plan->children) FoldConstants(child, evaluate);
    for (auto& expression : plan->expressions) FoldConstants(expression, evaluate);
    for (auto& row : plan->rows) {
        for (auto& expression : row) FoldConstants(expression, evaluate);
    }
}

}  // namespace flashlake::planner

#include "planner/expression/expression_rewrites.h"

namespace flashlake::planner {

void CollectColumns(const BoundExpression& expression, std::set<size_t>& columns) {
    if (expression.kind == BoundExprKind::kColumnRef) columns.insert(expression.column_index);
    for (const auto& child : expression.children) CollectColumns(*child, columns);
}

void ShiftColumns(BoundExpression& expression, std::ptrdiff_t delta) {
    if (expression.kind == BoundExprKind::kColumnRef) {
        expression.column_index = static_cast<size_t>(static_cast<std::ptrdiff_t>(expression.column_index) + delta);
    }
    for (auto& child : expression.children) ShiftColumns(*child, delta);
}

BoundExprPtr SubstituteColumns(const BoundExpression& expression, const std::vector<BoundExprPtr>& definitions) {
    if (expression.kind == BoundExprKind::kColumnRef) return definitions[expression.column_index]->Clone();
    auto copy = expression.Clone();
    for (auto& child : copy->children) child = SubstituteColumns(*child, definitions);
    return copy;
}

void SplitConjuncts(BoundExprPtr expression, std::vector<BoundExprPtr>& conjuncts) {
    if (expression->kind == BoundExprKind::kFunction && expression->function.name == "and") {
        for (auto& child : expression->children) SplitConjuncts(std::move(child), conjuncts);
        return;
    }
    conjuncts.push_back(std::move(expression));
}

const BoundExpression* AsEquality(const BoundExpression& expression) {
    if (expression.kind == BoundExprKind::kFunction && expression.function.name == "eq" &&
        expression.children.size() == 2) {
        return &expression;
    }
    return nullptr;
}

}  // namespace flashlake::planner

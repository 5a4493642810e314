#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

Optimizer::Optimizer(ConstantEvaluator evaluate_constant) : evaluate_constant_(std::move(evaluate_constant)) {
    passes_.push_back({"constant_folding", "evaluate constant expressions at plan time",
                       [this](LogicalOperatorPtr& plan) { FoldConstants(plan, evaluate_constant_); }});
    passes_.push_back({"limit_pushdown", "merge adjacent LIMITs and stop VALUES early",
                       [](LogicalOperatorPtr& plan) {
                           // LIMIT over LIMIT: keep the tighter window.
                           std::function<void(LogicalOperatorPtr&)> visit = [&](LogicalOperatorPtr& node) {
                               for (auto& child : node->children) visit(child);
                               if (node->kind == LogicalOperatorKind::kLimit && !node->children.empty() &&
                                   node->children[0]->kind == LogicalOperatorKind::kLimit &&
                                   node->children[0]->offset == 0 && node->offset == 0) {
                                   auto& inner = node->children[0];
                                   int64_t limit = node->limit < 0 ? inner->limit
                                                   : inner->limit < 0 ? node->limit
                                                                      : std::min(node->limit, inner->limit);
                                   inner->limit = limit;
                                   node = std::move(inner);
                               }
                           };
                           visit(plan);
                       }});
}

void Optimizer::Optimize(LogicalOperatorPtr& plan, const std::set<std::string>& disabled) const {
    for (const auto& pass : passes_) {
        if (disabled.count(pass.name) == 0) pass.run(plan);
    }
}

}  // namespace flashlake::planner

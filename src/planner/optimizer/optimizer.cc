#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

Optimizer::Optimizer(ConstantEvaluator evaluate_constant) : evaluate_constant_(std::move(evaluate_constant)) {
    passes_.push_back({"constant_folding", "evaluate constant expressions at plan time",
                       [this](LogicalOperatorPtr& plan) { FoldConstants(plan, evaluate_constant_); }});
    passes_.push_back({"predicate_pushdown", "push filters toward scans; turn equalities across joins into join keys",
                       [](LogicalOperatorPtr& plan) { PushDownPredicates(plan); }});
    // Materialized-view rewrite (Milestone 2) plugs in here: after predicates are normalised and
    // pushed down, before join ordering and top-N, so it matches queries in canonical form.
    passes_.push_back({"join_reorder", "inner joins as a left-deep chain from the largest input, most selective joins first",
                       [](LogicalOperatorPtr& plan) { ReorderJoins(plan); }});
    passes_.push_back({"join_build_side", "hash joins build from the smaller estimated input",
                       [](LogicalOperatorPtr& plan) { ChooseJoinBuildSides(plan); }});
    passes_.push_back({"projection_pruning", "scans read only the columns the plan uses",
                       [](LogicalOperatorPtr& plan) { PruneProjections(plan); }});
    passes_.push_back({"top_n", "ORDER BY with LIMIT keeps only the first rows while sorting",
                       [](LogicalOperatorPtr& plan) { PlanTopN(plan); }});
    passes_.push_back({"runtime_filters", "joins publish their build keys to the probe-side scans, which drop rows that cannot match",
                       [](LogicalOperatorPtr& plan) { PlanRuntimeFilters(plan); }});
    passes_.push_back({"cte_reuse", "a WITH query read more than once, alike after the passes above, is computed once",
                       [](LogicalOperatorPtr& plan) { ReuseCommonTableExpressions(plan); }});
}

void Optimizer::Optimize(LogicalOperatorPtr& plan, const std::set<std::string>& disabled) const {
    for (const auto& pass : passes_) {
        if (disabled.count(pass.name) == 0) pass.run(plan);
    }
}

}  // namespace flashlake::planner

namespace flashlake::planner {

void PlanTopN(LogicalOperatorPtr& plan) {
    for (auto& child : plan->children) PlanTopN(child);
    if (plan->kind != LogicalOperatorKind::kLimit || plan->limit < 0) return;
    // Look through projections (they keep row order and count) for the sort.
    LogicalOperator* child = plan->children[0].get();
    while (child->kind == LogicalOperatorKind::kProjection) child = child->children[0].get();
    if (child->kind == LogicalOperatorKind::kSort && child->limit < 0) child->limit = plan->limit + plan->offset;
}

}  // namespace flashlake::planner

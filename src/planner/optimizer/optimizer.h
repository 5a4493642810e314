#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "planner/logical/logical_operator.h"

namespace flashlake::planner {

// A named rewrite of the logical plan. Passes run in the order of Optimizer::Passes(); each can
// be switched off per session with `SET disable_optimizer_passes = 'name,name'`, which is how
// tests check that a pass changes plans but never results.
struct OptimizerPass {
    std::string name;
    std::string description;
    std::function<void(LogicalOperatorPtr& plan)> run;
};

// Evaluates an expression that references no column to a single Value. The evaluator lives in
// exec/ (above this layer); the engine hands it in.
using ConstantEvaluator = std::function<Value(const planner::BoundExpression& expression)>;

class Optimizer {
public:
    explicit Optimizer(ConstantEvaluator evaluate_constant);

    // Runs every pass not named in `disabled`, in order.
    void Optimize(LogicalOperatorPtr& plan, const std::set<std::string>& disabled) const;
    const std::vector<OptimizerPass>& passes() const { return passes_; }

private:
    // The order matters: simplification first so later passes see constants; materialized-view
    // rewrite (Milestone 2) will slot in after predicate pushdown and before join ordering, so
    // it matches queries in their normalised form.
    std::vector<OptimizerPass> passes_;
    ConstantEvaluator evaluate_constant_;
};

// Evaluates constant subexpressions once at plan time (`1 + 1` -> `2`). Errors a constant
// expression raises (overflow, strict casts) surface at plan time, as they would at run time.
void FoldConstants(LogicalOperatorPtr& plan, const ConstantEvaluator& evaluate);
// Moves filters and join conditions toward the scans; equalities across joins become join keys.
void PushDownPredicates(LogicalOperatorPtr& plan);
// ORDER BY ... LIMIT n: the sort keeps only its first n (+ offset) rows (top-N).
void PlanTopN(LogicalOperatorPtr& plan);
// Lake scans read only the columns the plan uses (projection_pruning.cc).
void PruneProjections(LogicalOperatorPtr& plan);
// Trees of inner joins become left-deep chains ordered greedily by estimated size (join_reorder.cc).
void ReorderJoins(LogicalOperatorPtr& plan);
// Inner hash joins build their table from the smaller estimated input (join_build_side.cc).
void ChooseJoinBuildSides(LogicalOperatorPtr& plan);
// Joins publish their build keys as filters to the probe-side scans (runtime_filters.cc); runs
// last, when build sides and scan columns are final.
void PlanRuntimeFilters(LogicalOperatorPtr& plan);
// References to one WITH query whose plans are alike become kSharedResult readers of one
// materialized result (cte_reuse.cc); runs after every pass that fits plans to their place.
void ReuseCommonTableExpressions(LogicalOperatorPtr& plan);
void FoldConstants(planner::BoundExprPtr& expression, const ConstantEvaluator& evaluate);

}  // namespace flashlake::planner

// Build-side choice for hash joins: the right child is the side the hash table is built from, so
// an inner join whose right input is estimated larger than its left swaps them (keys and residual
// conditions follow), and a projection above puts the columns back in the order the plan expects.

#include "planner/expression/expression_rewrites.h"
#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

void ChooseJoinBuildSides(LogicalOperatorPtr& plan) {
    for (auto& child : plan->children) ChooseJoinBuildSides(child);
    if (plan->kind != LogicalOperatorKind::kJoin || plan->join_type != JoinType::kInner || plan->left_keys.empty()) return;
    LogicalOperator& join = *plan;
    if (join.children[1]->estimated_rows <= join.children[0]->estimated_rows) return;
    const size_t left_width = join.children[0]->types.size();
    const size_t right_width = join.children[1]->types.size();
    // Old column i (left then right) is at new position: right columns first, then left ones.
    std::vector<BoundExprPtr> new_position;
    for (size_t i = 0; i < left_width + right_width; ++i) {
        size_t moved = i < left_width ? right_width + i : i - left_width;
        new_position.push_back(MakeColumnRef(moved, join.types[i], join.names[i]));
    }
    for (auto& condition : join.expressions) condition = SubstituteColumns(*condition, new_position);
    std::swap(join.children[0], join.children[1]);
    std::swap(join.left_keys, join.right_keys);
    std::vector<std::string> names = join.names;
    std::vector<LogicalType> types = join.types;
    join.names.clear();
    join.types.clear();
    for (size_t i = left_width; i < left_width + right_width; ++i) {
        join.names.push_back(names[i]);
        join.types.push_back(types[i]);
    }
    for (size_t i = 0; i < left_width; ++i) {
        join.names.push_back(names[i]);
        join.types.push_back(types[i]);
    }
    auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
    projection->names = names;
    projection->types = types;
    projection->expressions = std::move(new_position);
    projection->estimated_rows = join.estimated_rows;
    projection->children.push_back(std::move(plan));
    plan = std::move(projection);
}

}  // namespace flashlake::planner

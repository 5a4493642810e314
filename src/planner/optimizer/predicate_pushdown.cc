// The predicate pushdown pass: WHERE and ON conditions move as close to the data as they can.
//   - a filter's conjunction is split and merged with filters below it;
//   - a filter passes through a projection (its column references replaced by the projected
//     expressions);
//   - over an inner or cross join, each conjunct goes to the side whose columns it reads; an
//     equality between an expression of the left side and one of the right becomes a join key
//     (turning `FROM a, b WHERE a.x = b.y` into a hash join); the rest stays as residual;
//   - an outer, semi or anti join's ON equalities between the two sides become join keys, and
//     its ON conditions on the side that only supplies matches filter that side.
// The same predicates hold afterwards, so results never change; only the work does.

#include "planner/expression/expression_rewrites.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/scan_predicates.h"

namespace flashlake::planner {

namespace {

enum class Side { kNone, kLeft, kRight, kBoth };

Side SideOf(const BoundExpression& expression, size_t left_width) {
    std::set<size_t> columns;
    CollectColumns(expression, columns);
    if (columns.empty()) return Side::kNone;
    bool left = false, right = false;
    for (size_t column : columns) (column < left_width ? left : right) = true;
    return left && right ? Side::kBoth : (left ? Side::kLeft : Side::kRight);
}

LogicalOperatorPtr WrapInFilter(LogicalOperatorPtr child, std::vector<BoundExprPtr> predicates) {
    if (predicates.empty()) return child;
    if (child->kind == LogicalOperatorKind::kFilter) {
        for (auto& predicate : predicates) child->expressions.push_back(std::move(predicate));
        return child;
    }
    auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
    filter->names = child->names;
    filter->types = child->types;
    filter->estimated_rows = child->estimated_rows / 2;
    filter->expressions = std::move(predicates);
    filter->children.push_back(std::move(child));
    return filter;
}

// Distributes the join's residual conditions: sides, keys, residual.
void DistributeJoinConditions(LogicalOperator& join) {
    const size_t left_width = join.children[0]->types.size();
    const bool inner = join.join_type == JoinType::kInner || join.join_type == JoinType::kCross;
    // An ON condition on the side that only supplies matches filters that side: a row failing it
    // matches nothing either way. (LEFT: the right side; RIGHT: the left; SEMI and ANTI: the
    // right, except NOT IN's null-aware anti join, whose NULL handling looks at every right row.)
    const bool filters_left = inner || join.join_type == JoinType::kRight;
    const bool filters_right =
        inner || join.join_type == JoinType::kLeft ||
        ((join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti) && !join.null_aware);
    std::vector<BoundExprPtr> conditions;
    for (auto& expression : join.expressions) SplitConjuncts(std::move(expression), conditions);
    join.expressions.clear();
    std::vector<BoundExprPtr> to_left, to_right;
    for (auto& condition : conditions) {
        Side side = SideOf(*condition, left_width);
        if (filters_left && side == Side::kLeft) {
            to_left.push_back(std::move(condition));
            continue;
        }
        if (filters_right && side == Side::kRight) {
            ShiftColumns(*condition, -static_cast<std::ptrdiff_t>(left_width));
            to_right.push_back(std::move(condition));
            continue;
        }
        if (const BoundExpression* equality = AsEquality(*condition); equality != nullptr && side == Side::kBoth) {
            Side a = SideOf(*equality->children[0], left_width), b = SideOf(*equality->children[1], left_width);
            if ((a == Side::kLeft && b == Side::kRight) || (a == Side::kRight && b == Side::kLeft)) {
                BoundExprPtr left_key = equality->children[a == Side::kLeft ? 0 : 1]->Clone();
                BoundExprPtr right_key = equality->children[a == Side::kLeft ? 1 : 0]->Clone();
                ShiftColumns(*right_key, -static_cast<std::ptrdiff_t>(left_width));
                join.left_keys.push_back(std::move(left_key));
                join.right_keys.push_back(std::move(right_key));
                continue;
            }
        }
        join.expressions.push_back(std::move(condition));
    }
    join.children[0] = WrapInFilter(std::move(join.children[0]), std::move(to_left));
    join.children[1] = WrapInFilter(std::move(join.children[1]), std::move(to_right));
    if (join.join_type == JoinType::kCross && !join.left_keys.empty()) join.join_type = JoinType::kInner;
}

void PushDown(LogicalOperatorPtr& node);

// Whether `expression` reads a column whose definition calls a function like rand().
bool ReadsVolatileColumn(const BoundExpression& expression, const std::vector<BoundExprPtr>& definitions) {
    if (expression.kind == BoundExprKind::kColumnRef) return definitions[expression.column_index]->HasVolatileFunction();
    for (const auto& child : expression.children) {
        if (ReadsVolatileColumn(*child, definitions)) return true;
    }
    return false;
}

// Pushes a filter's conjuncts into its child where the child allows; returns what stays.
void PushFilter(LogicalOperatorPtr& filter) {
    std::vector<BoundExprPtr> conjuncts;
    for (auto& expression : filter->expressions) SplitConjuncts(std::move(expression), conjuncts);
    filter->expressions.clear();
    LogicalOperatorPtr& child = filter->children[0];
    switch (child->kind) {
        case LogicalOperatorKind::kFilter:
            for (auto& conjunct : conjuncts) child->expressions.push_back(std::move(conjunct));
            filter = std::move(child);
            PushFilter(filter);
            return;
        case LogicalOperatorKind::kProjection: {
            // A condition on a value like rand() stays above: below, it would test another draw
            // than the one the projection outputs.
            std::vector<BoundExprPtr> pushed, kept;
            for (auto& conjunct : conjuncts) {
                if (ReadsVolatileColumn(*conjunct, child->expressions)) {
                    kept.push_back(std::move(conjunct));
                } else {
                    pushed.push_back(SubstituteColumns(*conjunct, child->expressions));
                }
            }
            if (!pushed.empty()) child->children[0] = WrapInFilter(std::move(child->children[0]), std::move(pushed));
            LogicalOperatorPtr& below = child->children[0];
            if (below->kind == LogicalOperatorKind::kFilter) PushFilter(below);
            if (kept.empty()) {
                filter = std::move(child);  // the projection takes the filter's place
            } else {
                filter->expressions = std::move(kept);
            }
            return;
        }
        case LogicalOperatorKind::kJoin:
            if (child->join_type == JoinType::kInner || child->join_type == JoinType::kCross) {
                for (auto& conjunct : conjuncts) child->expressions.push_back(std::move(conjunct));
                filter = std::move(child);
                DistributeJoinConditions(*filter);
                for (auto& side : filter->children) {
                    if (side->kind == LogicalOperatorKind::kFilter) PushFilter(side);
                }
                return;
            }
            break;
        default: break;
    }
    filter->expressions = std::move(conjuncts);
}

void PushDown(LogicalOperatorPtr& node) {
    if (node->kind == LogicalOperatorKind::kFilter) PushFilter(node);
    if (node->kind == LogicalOperatorKind::kJoin && !node->expressions.empty()) {
        DistributeJoinConditions(*node);
        for (auto& side : node->children) {
            if (side->kind == LogicalOperatorKind::kFilter) PushFilter(side);
        }
    }
    for (auto& child : node->children) PushDown(child);
}

}  // namespace

void PushDownPredicates(LogicalOperatorPtr& plan) {
    PushDown(plan);
    AttachScanPredicates(plan);  // filters now on lake scans also prune their files and row groups
}

}  // namespace flashlake::planner

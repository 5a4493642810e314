// Runtime filters: a hash join whose probe rows without a match are dropped (inner, right and
// semi joins) publishes the values of each key column once its build side is complete, and the
// scan on the probe side that produces that key column drops the rows that cannot match, before
// they are decoded further, probed or gathered by the operators between the scan and the join.
//
// A key is traced from the join's left input down to a scan column only through operators where
// dropping scan rows whose value is not in the build set removes exactly output rows whose value
// is not in it (or rows that become NULL-padded, which the join drops as well): filters, sorts
// without a limit, projections that pass the column through, and the preserved sides of joins.
// Limits, aggregations, windows and unions stop the trace.

#include <optional>

#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

namespace {

struct ScanColumn {
    LogicalOperator* scan;
    size_t column;
};

bool FilterableKeyType(const LogicalType& type) {
    switch (type.physical()) {
        case PhysicalType::kInt8:
        case PhysicalType::kInt16:
        case PhysicalType::kInt32:
        case PhysicalType::kInt64:
        case PhysicalType::kString: return true;
        default: return false;
    }
}

std::optional<ScanColumn> TraceToScan(LogicalOperator& node, size_t column) {
    switch (node.kind) {
        case LogicalOperatorKind::kTableScan: return ScanColumn{&node, column};
        case LogicalOperatorKind::kFilter: return TraceToScan(*node.children[0], column);
        case LogicalOperatorKind::kSort:
            if (node.limit >= 0) return std::nullopt;
            return TraceToScan(*node.children[0], column);
        case LogicalOperatorKind::kProjection: {
            const BoundExpression& expression = *node.expressions[column];
            if (expression.kind != BoundExprKind::kColumnRef) return std::nullopt;
            return TraceToScan(*node.children[0], expression.column_index);
        }
        case LogicalOperatorKind::kJoin: {
            const size_t left_width = node.children[0]->types.size();
            const JoinType type = node.join_type;
            if (column < left_width) {
                const bool left_preserved = type == JoinType::kInner || type == JoinType::kCross ||
                                            type == JoinType::kLeft || type == JoinType::kSemi ||
                                            type == JoinType::kAnti;
                if (!left_preserved) return std::nullopt;
                return TraceToScan(*node.children[0], column);
            }
            if (type != JoinType::kInner && type != JoinType::kCross) return std::nullopt;
            return TraceToScan(*node.children[1], column - left_width);
        }
        default: return std::nullopt;
    }
}

void PlanFilters(LogicalOperator& node, int& next_id) {
    for (auto& child : node.children) PlanFilters(*child, next_id);
    if (node.kind != LogicalOperatorKind::kJoin || node.null_aware) return;
    if (node.join_type != JoinType::kInner && node.join_type != JoinType::kRight &&
        node.join_type != JoinType::kSemi) {
        return;
    }
    for (size_t k = 0; k < node.left_keys.size(); ++k) {
        const BoundExpression& left = *node.left_keys[k];
        const BoundExpression& right = *node.right_keys[k];
        if (left.kind != BoundExprKind::kColumnRef || !FilterableKeyType(left.type) ||
            left.type.physical() != right.type.physical()) {
            continue;
        }
        auto target = TraceToScan(*node.children[0], left.column_index);
        if (!target || target->scan->types[target->column].physical() != left.type.physical()) continue;
        const int id = ++next_id;
        node.runtime_filters.push_back({id, k});
        target->scan->runtime_filters.push_back({id, target->column});
    }
}

void ClearFilters(LogicalOperator& node) {
    node.runtime_filters.clear();
    for (auto& child : node.children) ClearFilters(*child);
}

}  // namespace

void PlanRuntimeFilters(LogicalOperatorPtr& plan) {
    ClearFilters(*plan);  // a plan optimized again gets one set of filters
    int next_id = 0;
    PlanFilters(*plan, next_id);
}

}  // namespace flashlake::planner

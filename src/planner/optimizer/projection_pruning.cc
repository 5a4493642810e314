// Projection pruning: lake scans read only the columns some operator above them uses. Each node
// is asked for the output columns its parent needs, asks its children for what it needs in turn,
// and renumbers its column references to the children's narrower outputs. Aggregations and the
// root keep their outputs; projections, scans, filters, sorts, limits and joins narrow
// theirs. Other operators (union, window, values, files) keep every child column.

#include <numeric>

#include "common/check.h"
#include "planner/expression/expression_rewrites.h"
#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

namespace {

using Mapping = std::vector<int>;  // old output position -> new one (-1: dropped)

Mapping Identity(size_t width) {
    Mapping mapping(width);
    std::iota(mapping.begin(), mapping.end(), 0);
    return mapping;
}

void Remap(BoundExpression& expression, const Mapping& mapping) {
    if (expression.kind == BoundExprKind::kColumnRef) {
        FL_CHECK(expression.column_index < mapping.size() && mapping[expression.column_index] >= 0);
        expression.column_index = static_cast<size_t>(mapping[expression.column_index]);
    }
    for (auto& child : expression.children) Remap(*child, mapping);
}

void Collect(const std::vector<BoundExprPtr>& expressions, std::set<size_t>& columns) {
    for (const auto& expression : expressions) CollectColumns(*expression, columns);
}

std::set<size_t> AllColumns(const LogicalOperator& node) {
    std::set<size_t> all;
    for (size_t i = 0; i < node.types.size(); ++i) all.insert(i);
    return all;
}

Mapping Prune(LogicalOperatorPtr& node, std::set<size_t> required);

// A projection over a projection that only picks columns (build-side swaps and join reordering
// leave those) becomes one projection.
void MergeColumnProjection(LogicalOperator& projection) {
    LogicalOperator& child = *projection.children[0];
    if (child.kind != LogicalOperatorKind::kProjection) return;
    for (const auto& expression : child.expressions) {
        if (expression->kind != BoundExprKind::kColumnRef) return;
    }
    for (auto& expression : projection.expressions) expression = SubstituteColumns(*expression, child.expressions);
    LogicalOperatorPtr grandchild = std::move(child.children[0]);
    projection.children[0] = std::move(grandchild);
}

// Narrows `node`'s output to its (only) child's new output.
void TakeChildSchema(LogicalOperator& node) {
    node.names = node.children[0]->names;
    node.types = node.children[0]->types;
}

Mapping PruneScan(LogicalOperator& scan, std::set<size_t> required) {
    if (!scan.table_scan || scan.types.empty()) return Identity(scan.types.size());
    if (required.empty()) required.insert(0);  // row counts still need one column to read
    auto spec = std::make_shared<TableScanSpec>(*scan.table_scan);
    spec->columns.clear();
    Mapping mapping(scan.types.size(), -1);
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    for (size_t i : required) {
        mapping[i] = static_cast<int>(names.size());
        spec->columns.push_back(scan.table_scan->columns[i]);
        names.push_back(scan.names[i]);
        types.push_back(scan.types[i]);
    }
    scan.table_scan = std::move(spec);
    scan.names = std::move(names);
    scan.types = std::move(types);
    return mapping;
}

Mapping PruneJoin(LogicalOperator& join, const std::set<size_t>& required) {
    const size_t left_width = join.children[0]->types.size();
    std::set<size_t> needed = required;
    Collect(join.expressions, needed);
    std::set<size_t> left_required, right_required;
    for (size_t i : needed) {
        if (i < left_width) {
            left_required.insert(i);
        } else {
            right_required.insert(i - left_width);
        }
    }
    Collect(join.left_keys, left_required);
    Collect(join.right_keys, right_required);
    Mapping left = Prune(join.children[0], left_required);
    Mapping right = Prune(join.children[1], right_required);
    for (auto& key : join.left_keys) Remap(*key, left);
    for (auto& key : join.right_keys) Remap(*key, right);
    const int new_left_width = static_cast<int>(join.children[0]->types.size());
    Mapping combined(left_width + right.size(), -1);
    for (size_t i = 0; i < left.size(); ++i) combined[i] = left[i];
    for (size_t i = 0; i < right.size(); ++i) combined[left_width + i] = right[i] < 0 ? -1 : new_left_width + right[i];
    for (auto& condition : join.expressions) Remap(*condition, combined);
    const bool keeps_right = join.join_type != JoinType::kSemi && join.join_type != JoinType::kAnti;
    join.names = join.children[0]->names;
    join.types = join.children[0]->types;
    if (keeps_right) {
        join.names.insert(join.names.end(), join.children[1]->names.begin(), join.children[1]->names.end());
        join.types.insert(join.types.end(), join.children[1]->types.begin(), join.children[1]->types.end());
        return combined;
    }
    return left;
}

Mapping Prune(LogicalOperatorPtr& node, std::set<size_t> required) {
    LogicalOperator& op = *node;
    switch (op.kind) {
        case LogicalOperatorKind::kTableScan: return PruneScan(op, std::move(required));
        case LogicalOperatorKind::kFilter:
        case LogicalOperatorKind::kSort:
        case LogicalOperatorKind::kLimit: {
            Collect(op.expressions, required);
            for (const auto& order : op.order_by) CollectColumns(*order.expression, required);
            Mapping mapping = Prune(op.children[0], std::move(required));
            for (auto& expression : op.expressions) Remap(*expression, mapping);
            for (auto& order : op.order_by) Remap(*order.expression, mapping);
            TakeChildSchema(op);
            return mapping;
        }
        case LogicalOperatorKind::kProjection: {
            // Drops the expressions nobody above uses (join reordering adds projections that
            // list every column); one is kept so that the row count survives.
            if (required.empty() && !op.expressions.empty()) required.insert(0);
            Mapping own(op.types.size(), -1);
            std::vector<BoundExprPtr> kept_expressions;
            std::vector<std::string> kept_names;
            std::vector<LogicalType> kept_types;
            for (size_t i : required) {
                own[i] = static_cast<int>(kept_expressions.size());
                kept_expressions.push_back(std::move(op.expressions[i]));
                kept_names.push_back(op.names[i]);
                kept_types.push_back(op.types[i]);
            }
            op.expressions = std::move(kept_expressions);
            op.names = std::move(kept_names);
            op.types = std::move(kept_types);
            std::set<size_t> needed;
            Collect(op.expressions, needed);
            Mapping mapping = Prune(op.children[0], std::move(needed));
            for (auto& expression : op.expressions) Remap(*expression, mapping);
            MergeColumnProjection(op);
            return own;
        }
        case LogicalOperatorKind::kAggregate: {
            std::set<size_t> needed;
            Collect(op.groups, needed);
            for (const auto& aggregate : op.aggregates) Collect(aggregate.arguments, needed);
            Mapping mapping = Prune(op.children[0], std::move(needed));
            for (auto& group : op.groups) Remap(*group, mapping);
            for (auto& aggregate : op.aggregates) {
                for (auto& argument : aggregate.arguments) Remap(*argument, mapping);
            }
            return Identity(op.types.size());
        }
        case LogicalOperatorKind::kJoin: return PruneJoin(op, required);
        default:
            // Keeps every column of its children, which may still prune below themselves.
            for (auto& child : op.children) Prune(child, AllColumns(*child));
            return Identity(op.types.size());
    }
}

}  // namespace

void PruneProjections(LogicalOperatorPtr& plan) { Prune(plan, AllColumns(*plan)); }

}  // namespace flashlake::planner

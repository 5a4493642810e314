// The cte_reuse pass: a WITH query referenced more than once is computed once. Each reference
// was bound (inlined) on its own, so that the passes before this one could fit it to its place:
// a filter pushed into one reference, columns pruned from another. References whose plans are
// still alike after all of that (the same fingerprint: every operator, expression, column and
// scan in full) become kSharedResult nodes that read one materialized result. Aggregations are
// candidates too, wherever they come from (the same derived table written twice, subqueries the
// binder turned into joins): alike ones are as good as one. Joins and plain scans are not: their
// results can be large, and streaming them twice is cheaper than keeping them.

#include <map>
#include <vector>

#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

namespace {

void AppendTypes(const std::vector<LogicalType>& types, std::string& out) {
    for (const auto& type : types) out += type.ToString() + ",";
}

// The expression in full: kinds, column indexes, constants with their types, functions with
// their resolved signatures.
void AppendExpression(const BoundExpression& expression, std::string& out) {
    out += "(" + std::to_string(static_cast<int>(expression.kind)) + ":" + expression.type.ToString() + ":";
    switch (expression.kind) {
        case BoundExprKind::kConstant: out += expression.constant.ToString(); break;
        case BoundExprKind::kColumnRef: out += "#" + std::to_string(expression.column_index); break;
        case BoundExprKind::kFunction:
            out += expression.function.name + "/";
            AppendTypes(expression.function.argument_types, out);
            out += expression.function.deterministic ? "" : "!volatile";
            break;
        case BoundExprKind::kCast: out += expression.strict_cast ? "strict" : "lenient"; break;
        case BoundExprKind::kCase: break;
    }
    for (const auto& child : expression.children) AppendExpression(*child, out);
    out += ")";
}

void AppendExpressions(const std::vector<BoundExprPtr>& expressions, std::string& out) {
    out += "[";
    for (const auto& expression : expressions) AppendExpression(*expression, out);
    out += "]";
}

// The subtree in full; false when it holds something this pass does not compare (file scans,
// windows), which is then never shared.
bool AppendFingerprint(const LogicalOperator& node, std::string& out) {
    out += "{" + std::string(LogicalOperatorName(node.kind)) + "|";
    AppendTypes(node.types, out);
    out += "|";
    AppendExpressions(node.expressions, out);
    for (const auto& row : node.rows) AppendExpressions(row, out);
    out += "|" + std::to_string(node.limit) + "," + std::to_string(node.offset) + "|";
    AppendExpressions(node.groups, out);
    for (const auto& aggregate : node.aggregates) {
        out += aggregate.function.name + "/" + aggregate.function.return_type.ToString() +
               (aggregate.distinct ? "/distinct" : "");
        AppendExpressions(aggregate.arguments, out);
    }
    for (const auto& key : node.order_by) {
        AppendExpression(*key.expression, out);
        out += key.ascending ? "a" : "d";
        out += key.nulls_first ? "f" : "l";
    }
    out += "|" + std::to_string(static_cast<int>(node.join_type)) + (node.null_aware ? "n" : "") +
           (node.distinct ? "d" : "");
    AppendExpressions(node.left_keys, out);
    AppendExpressions(node.right_keys, out);
    for (const auto& filter : node.runtime_filters) {
        out += "rf" + std::to_string(filter.id) + "@" + std::to_string(filter.position);
    }
    switch (node.kind) {
        case LogicalOperatorKind::kFileScan:
        case LogicalOperatorKind::kWindow: return false;
        case LogicalOperatorKind::kTableScan: {
            const TableScanSpec& scan = *node.table_scan;
            out += "|" + scan.table_path + "|" + (scan.snapshot_id ? std::to_string(*scan.snapshot_id) : "-") + "|" +
                   (scan.timestamp_millis ? std::to_string(*scan.timestamp_millis) : "-") + "|";
            for (const auto& column : scan.columns) out += column + ",";
            for (const auto& predicate : scan.predicates) out += predicate.ToString() + ";";
            for (const auto& partition : scan.generated_partitions) out += partition.ToSql() + ";";
            break;
        }
        case LogicalOperatorKind::kSharedResult: out += "|shared" + std::to_string(node.shared->id); break;
        default: break;
    }
    for (const auto& child : node.children) {
        if (!AppendFingerprint(*child, out)) return false;
    }
    out += "}";
    return true;
}

bool HasVolatileFunction(const BoundExpression& expression) {
    if (expression.kind == BoundExprKind::kFunction && !expression.function.deterministic) return true;
    for (const auto& child : expression.children) {
        if (HasVolatileFunction(*child)) return true;
    }
    return false;
}

// rand() in a shared plan would give every reader the same values; such plans stay apart.
bool HasVolatileFunctions(const LogicalOperator& node) {
    auto any = [](const std::vector<BoundExprPtr>& expressions) {
        for (const auto& expression : expressions) {
            if (HasVolatileFunction(*expression)) return true;
        }
        return false;
    };
    if (any(node.expressions) || any(node.groups) || any(node.left_keys) || any(node.right_keys)) return true;
    for (const auto& row : node.rows) {
        if (any(row)) return true;
    }
    for (const auto& aggregate : node.aggregates) {
        if (any(aggregate.arguments)) return true;
    }
    for (const auto& key : node.order_by) {
        if (HasVolatileFunction(*key.expression)) return true;
    }
    for (const auto& child : node.children) {
        if (HasVolatileFunctions(*child)) return true;
    }
    return false;
}

// The slots that may be shared (WITH query references, aggregations), in plan order. Plans
// already shared are not entered: what is nested in them stays as it is.
void CollectReferences(LogicalOperatorPtr& slot, std::vector<LogicalOperatorPtr*>& out) {
    if (slot->cte_id != 0 || slot->kind == LogicalOperatorKind::kAggregate) out.push_back(&slot);
    for (auto& child : slot->children) CollectReferences(child, out);
}

// Shares the first group of two or more alike references; false when there is none.
bool ShareOneGroup(LogicalOperatorPtr& plan, int& next_id) {
    std::vector<LogicalOperatorPtr*> references;
    CollectReferences(plan, references);
    std::map<std::string, std::vector<LogicalOperatorPtr*>> groups;
    std::vector<std::string> order;
    for (LogicalOperatorPtr* slot : references) {
        std::string fingerprint;
        if (!AppendFingerprint(**slot, fingerprint) || HasVolatileFunctions(**slot)) continue;
        auto& group = groups[fingerprint];
        if (group.empty()) order.push_back(fingerprint);
        group.push_back(slot);
    }
    for (const auto& fingerprint : order) {
        // Alike references are never nested in one another: a plan cannot hold a copy of itself.
        std::vector<LogicalOperatorPtr*>& group = groups[fingerprint];
        if (group.size() < 2) continue;
        auto shared = std::make_shared<SharedSubplan>();
        shared->id = next_id++;
        const LogicalOperator& first = **group[0];
        std::vector<std::unique_ptr<LogicalOperator>> readers;
        for (LogicalOperatorPtr* slot : group) {
            auto reader = std::make_unique<LogicalOperator>(LogicalOperatorKind::kSharedResult);
            reader->names = (*slot)->names;
            reader->types = first.types;
            reader->estimated_rows = first.estimated_rows;
            reader->shared = shared;
            readers.push_back(std::move(reader));
        }
        // Take the first reference's plan, then put the readers in every slot.
        shared->plan = std::move(*group[0]);
        shared->plan->cte_id = 0;
        for (size_t i = 0; i < group.size(); ++i) *group[i] = std::move(readers[i]);
        return true;
    }
    return false;
}

}  // namespace

void ReuseCommonTableExpressions(LogicalOperatorPtr& plan) {
    int next_id = 1;
    while (ShareOneGroup(plan, next_id)) {
    }
}

}  // namespace flashlake::planner

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

// A subplan written out in full: equal texts compute equal results. `shareable` turns false at
// what this pass does not compare or must not compute once: file scans, windows, and functions
// like rand() (shared, every reader would get the same draws).
struct Fingerprint {
    std::string text;
    bool shareable = true;

    // Kinds, column indexes, constants with their types, functions with their signatures.
    void Add(const BoundExpression& expression) {
        text += "(" + std::to_string(static_cast<int>(expression.kind)) + ":" + expression.type.ToString() + ":";
        switch (expression.kind) {
            case BoundExprKind::kConstant: text += expression.constant.ToString(); break;
            case BoundExprKind::kColumnRef: text += "#" + std::to_string(expression.column_index); break;
            case BoundExprKind::kFunction:
                text += expression.function.name + "/";
                AppendTypes(expression.function.argument_types, text);
                shareable = shareable && expression.function.deterministic;
                break;
            case BoundExprKind::kCast: text += expression.strict_cast ? "strict" : "lenient"; break;
            case BoundExprKind::kCase: break;
        }
        for (const auto& child : expression.children) Add(*child);
        text += ")";
    }
    void Add(const std::vector<BoundExprPtr>& expressions) {
        text += "[";
        for (const auto& expression : expressions) Add(*expression);
        text += "]";
    }

    void Add(const LogicalOperator& node) {
        text += "{" + std::string(LogicalOperatorName(node.kind)) + "|";
        AppendTypes(node.types, text);
        text += "|";
        Add(node.expressions);
        for (const auto& row : node.rows) Add(row);
        text += "|" + std::to_string(node.limit) + "," + std::to_string(node.offset) + "|";
        Add(node.groups);
        for (const auto& aggregate : node.aggregates) {
            text += aggregate.function.name + "/" + aggregate.function.return_type.ToString() +
                    (aggregate.distinct ? "/distinct" : "");
            Add(aggregate.arguments);
        }
        for (const auto& key : node.order_by) {
            Add(*key.expression);
            text += key.ascending ? "a" : "d";
            text += key.nulls_first ? "f" : "l";
        }
        text += "|" + std::to_string(static_cast<int>(node.join_type)) + (node.null_aware ? "n" : "") +
                (node.distinct ? "d" : "");
        Add(node.left_keys);
        Add(node.right_keys);
        for (const auto& filter : node.runtime_filters) {
            text += "rf" + std::to_string(filter.id) + "@" + std::to_string(filter.position);
        }
        switch (node.kind) {
            case LogicalOperatorKind::kFileScan:
            case LogicalOperatorKind::kWindow: shareable = false; break;
            case LogicalOperatorKind::kTableScan: {
                const TableScanSpec& scan = *node.table_scan;
                text += "|" + scan.table_path + "|" + (scan.snapshot_id ? std::to_string(*scan.snapshot_id) : "-") +
                        "|" + (scan.timestamp_millis ? std::to_string(*scan.timestamp_millis) : "-") + "|";
                for (const auto& column : scan.columns) text += column + ",";
                for (const auto& predicate : scan.predicates) text += predicate.ToString() + ";";
                for (const auto& partition : scan.generated_partitions) text += partition.ToSql() + ";";
                break;
            }
            case LogicalOperatorKind::kSharedResult: text += "|shared" + std::to_string(node.shared->id); break;
            default: break;
        }
        for (const auto& child : node.children) Add(*child);
        text += "}";
    }
};

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
        Fingerprint fingerprint;
        fingerprint.Add(**slot);
        if (!fingerprint.shareable) continue;
        auto& group = groups[fingerprint.text];
        if (group.empty()) order.push_back(fingerprint.text);
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

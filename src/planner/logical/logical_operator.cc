#include "planner/logical/logical_operator.h"

#include <cstdio>
#include <functional>

namespace flashlake::planner {

const char* LogicalOperatorName(LogicalOperatorKind kind) {
    switch (kind) {
        case LogicalOperatorKind::kValues: return "VALUES";
        case LogicalOperatorKind::kProjection: return "PROJECT";
        case LogicalOperatorKind::kFilter: return "FILTER";
        case LogicalOperatorKind::kLimit: return "LIMIT";
        case LogicalOperatorKind::kFileScan: return "FILE_SCAN";
        case LogicalOperatorKind::kAggregate: return "AGGREGATE";
        case LogicalOperatorKind::kSort: return "SORT";
        case LogicalOperatorKind::kJoin: return "JOIN";
        case LogicalOperatorKind::kUnion: return "UNION";
        case LogicalOperatorKind::kTableScan: return "TABLE_SCAN";
        case LogicalOperatorKind::kWindow: return "WINDOW";
        case LogicalOperatorKind::kSharedResult: return "SHARED_RESULT";
    }
    return "?";
}

namespace {

// " PRUNE BY [predicates]" of a scan, then what pruning skipped once the scan has run (EXPLAIN
// ANALYZE): buckets and files (lake tables), row groups.
std::string PruningText(const std::vector<lake::ScanPredicate>& predicates, const lake::ScanMetrics& m, bool table) {
    std::string text;
    if (!predicates.empty()) {
        text += " PRUNE BY [";
        for (size_t i = 0; i < predicates.size(); ++i) text += (i ? ", " : "") + predicates[i].ToString();
        text += "]";
    }
    if (m.files_read.load() + m.files_pruned.load() + m.buckets_pruned.load() == 0) return text;
    text += " (";
    if (table) {
        text += "buckets pruned " + std::to_string(m.buckets_pruned.load()) + ", files read " +
                std::to_string(m.files_read.load()) + ", pruned " + std::to_string(m.files_pruned.load()) + "; ";
    }
    text += "row groups read " + std::to_string(m.row_groups_read.load()) + ", pruned " +
            std::to_string(m.row_groups_pruned.load());
    if (m.rows_runtime_filtered.load() > 0) {
        text += "; rows removed by runtime filters " + std::to_string(m.rows_runtime_filtered.load());
    }
    return text + ")";
}

// " RUNTIME FILTER [rf1(column), ...]": the filters a join builds from its right keys, or a scan
// applies to its columns.
std::string RuntimeFilterText(const std::vector<LogicalOperator::RuntimeFilterRef>& refs,
                              const std::function<std::string(size_t)>& position_name) {
    if (refs.empty()) return "";
    std::string text = " RUNTIME FILTER [";
    for (size_t i = 0; i < refs.size(); ++i) {
        text += (i ? ", rf" : "rf") + std::to_string(refs[i].id) + "(" + position_name(refs[i].position) + ")";
    }
    return text + "]";
}

}  // namespace

std::string LogicalOperator::ToString(bool verbose, int depth, const Annotator* annotate) const {
    std::string line(static_cast<size_t>(depth) * 2, ' ');
    line += LogicalOperatorName(kind);
    switch (kind) {
        case LogicalOperatorKind::kValues: line += " (" + std::to_string(rows.size()) + " rows)"; break;
        case LogicalOperatorKind::kProjection:
        case LogicalOperatorKind::kFilter: {
            line += " [";
            for (size_t i = 0; i < expressions.size(); ++i) {
                if (i > 0) line += ", ";
                line += expressions[i]->ToString();
            }
            line += "]";
            break;
        }
        case LogicalOperatorKind::kLimit:
            line += " " + std::to_string(limit);
            if (offset > 0) line += " OFFSET " + std::to_string(offset);
            break;
        case LogicalOperatorKind::kFileScan:
            line += std::string(file_scan->format == FileFormat::kParquet ? " parquet" : " csv") + " (" +
                    std::to_string(file_scan->paths.size()) + " files)";
            line += PruningText(file_scan->predicates, *file_scan->metrics, false);
            break;
        case LogicalOperatorKind::kAggregate: {
            line += " groups=[";
            for (size_t i = 0; i < groups.size(); ++i) line += (i ? ", " : "") + groups[i]->ToString();
            line += "] aggregates=[";
            for (size_t i = 0; i < aggregates.size(); ++i) {
                line += (i ? ", " : "") + aggregates[i].function.name + "(" + (aggregates[i].distinct ? "DISTINCT " : "");
                for (size_t a = 0; a < aggregates[i].arguments.size(); ++a) {
                    line += (a ? ", " : "") + aggregates[i].arguments[a]->ToString();
                }
                line += ")";
            }
            line += "]";
            break;
        }
        case LogicalOperatorKind::kSort: {
            line += " [";
            for (size_t i = 0; i < order_by.size(); ++i) {
                line += (i ? ", " : "") + order_by[i].expression->ToString() + (order_by[i].ascending ? " ASC" : " DESC");
            }
            line += "]";
            if (limit >= 0) line += " LIMIT " + std::to_string(limit);
            break;
        }
        case LogicalOperatorKind::kJoin: {
            static const char* kNames[] = {"INNER", "LEFT", "RIGHT", "FULL", "CROSS", "SEMI", "ANTI"};
            line += std::string(" ") + kNames[static_cast<int>(join_type)] + " [";
            for (size_t i = 0; i < left_keys.size(); ++i) {
                line += (i ? ", " : "") + left_keys[i]->ToString() + " = " + right_keys[i]->ToString();
            }
            line += "]";
            if (!expressions.empty()) line += " residual=" + expressions[0]->ToString();
            line += RuntimeFilterText(runtime_filters, [&](size_t key) { return right_keys[key]->ToString(); });
            break;
        }
        case LogicalOperatorKind::kUnion: line += distinct ? " DISTINCT" : " ALL"; break;
        case LogicalOperatorKind::kTableScan:
            line += " " + table_scan->table_name;
            if (table_scan->snapshot_id) line += " VERSION " + std::to_string(*table_scan->snapshot_id);
            if (table_scan->timestamp_millis) line += " TIMESTAMP " + std::to_string(*table_scan->timestamp_millis);
            line += PruningText(table_scan->predicates, *table_scan->metrics, true);
            line += RuntimeFilterText(runtime_filters, [&](size_t column) { return names[column]; });
            break;
        case LogicalOperatorKind::kWindow: {
            line += " [";
            for (size_t i = 0; i < windows.size(); ++i) line += (i ? ", " : "") + windows[i].text;
            line += "]";
            break;
        }
        case LogicalOperatorKind::kSharedResult: line += " #" + std::to_string(shared->id); break;
    }
    if (verbose) {
        char estimate[64];
        std::snprintf(estimate, sizeof(estimate), "  (rows=%.0f)", estimated_rows);
        line += estimate;
    }
    if (annotate != nullptr) line += (*annotate)(*this);
    line += "\n";
    for (const auto& child : children) line += child->ToString(verbose, depth + 1, annotate);
    // Every reader shows the shared plan; it runs once (EXPLAIN ANALYZE counts it once).
    if (kind == LogicalOperatorKind::kSharedResult) line += shared->plan->ToString(verbose, depth + 1, annotate);
    return line;
}

}  // namespace flashlake::planner

namespace flashlake::planner {

BoundAggregate BoundAggregate::Clone() const {
    BoundAggregate copy;
    copy.name = name;
    copy.function = function;
    for (const auto& argument : arguments) copy.arguments.push_back(argument->Clone());
    copy.distinct = distinct;
    return copy;
}

}  // namespace flashlake::planner

namespace flashlake::planner {

BoundWindow BoundWindow::Clone() const {
    BoundWindow copy;
    copy.name = name;
    copy.text = text;
    for (const auto& argument : arguments) copy.arguments.push_back(argument->Clone());
    for (const auto& key : partition_by) copy.partition_by.push_back(key->Clone());
    for (const auto& key : order_by) copy.order_by.push_back({key.expression->Clone(), key.ascending, key.nulls_first});
    copy.frame = frame;
    copy.offset = offset;
    copy.has_aggregate = has_aggregate;
    copy.aggregate = aggregate;
    copy.type = type;
    return copy;
}

}  // namespace flashlake::planner

#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/expression/bound_expression.h"
#include "functions/aggregate_function.h"
#include "lake/generated_partition.h"
#include "lake/read/scan_predicate.h"
#include "planner/logical/file_scan_spec.h"
#include "types/logical_type.h"

namespace flashlake::planner {

enum class LogicalOperatorKind {
    kValues,      // literal rows: `rows` (each a list of expressions with no column references)
    kProjection,  // `expressions` over the child's columns
    kFilter,      // rows of the child where every one of `expressions` is true (a conjunction)
    kLimit,       // `offset` rows skipped, then at most `limit` rows
    kFileScan,    // rows of the files in `file_scan` (FILES() table function)
    kAggregate,   // output: `groups` values, then one column per `aggregates` entry
    kSort,        // child rows ordered by `order_by`; with limit >= 0 only the first `limit` (top-N)
    kJoin,        // `join_type` of children[0] (left/probe) and children[1] (right/build)
    kUnion,       // children's rows one after another (UNION ALL); `distinct` removes duplicates
    kTableScan,   // rows of a lake table (`table_scan`)
    kWindow,      // output: the child's columns, then one column per `windows` entry
    kSharedResult,  // the rows of `shared->plan`, computed once however many nodes read them
};

// What a scan of a lake table reads: the table directory, which snapshot (latest, or time
// travel), and the columns in output order.
struct TableScanSpec {
    std::string table_name;  // db.table, for EXPLAIN
    std::string table_path;
    std::optional<int64_t> snapshot_id;
    std::optional<int64_t> timestamp_millis;
    std::vector<std::string> columns;
    // Conjuncts of the filter above the scan that prune partitions, files and row groups (hints:
    // the filter stays), by table column name. Set by predicate_pushdown.
    std::vector<lake::ScanPredicate> predicates;
    // The table's generated partition columns (PARTITION BY date_trunc): predicates on their
    // source columns imply predicates on them, which predicate_pushdown adds for pruning.
    std::vector<lake::GeneratedPartition> generated_partitions;
    // What pruning skipped while the scan ran (EXPLAIN ANALYZE); shared by copies of the spec.
    std::shared_ptr<lake::ScanMetrics> metrics = std::make_shared<lake::ScanMetrics>();
};

enum class JoinType { kInner, kLeft, kRight, kFull, kCross, kSemi, kAnti };

// One aggregate call: the function resolved for its argument types, the argument expressions
// over the child's columns, and DISTINCT.
struct BoundAggregate {
    std::string name;  // as written, for EXPLAIN and result column names
    functions::BoundAggregateFunction function;
    std::vector<BoundExprPtr> arguments;
    bool distinct = false;
    BoundAggregate Clone() const;
};

struct BoundOrderBy {
    BoundExprPtr expression;
    bool ascending = true;
    bool nulls_first = true;  // SQL default as in StarRocks/MySQL: NULLs first ascending, last descending
};

// --- Window functions (binder: window_binder.cc; exec: window_operator.cc) ---
enum class WindowFrameUnit { kRows, kRange };
enum class WindowBoundKind { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };

// The rows of a partition a window function sees for the current row. ROWS bounds count rows
// (`offset` for kPreceding/kFollowing); RANGE supports only UNBOUNDED and CURRENT ROW (CURRENT
// ROW includes the row's ORDER BY peers).
struct BoundWindowFrame {
    WindowFrameUnit unit = WindowFrameUnit::kRange;
    WindowBoundKind start = WindowBoundKind::kUnboundedPreceding;
    int64_t start_offset = 0;
    WindowBoundKind end = WindowBoundKind::kCurrentRow;
    int64_t end_offset = 0;
};

// One `f(args) OVER (...)`: `name` is the lower-case function; `arguments`, `partition_by` and
// `order_by` are over the window node's child. For LAG/LEAD `offset` is the row offset and
// arguments are (value, default); for NTILE `offset` is the bucket count. Aggregates (SUM, AVG,
// COUNT, MIN, MAX) carry the resolved `aggregate`. Every window of one kWindow node has the same
// partition_by and order_by (the binder stacks one node per distinct specification).
struct BoundWindow {
    std::string name;
    std::string text;  // the call as written, for EXPLAIN and column names
    std::vector<BoundExprPtr> arguments;
    std::vector<BoundExprPtr> partition_by;
    std::vector<BoundOrderBy> order_by;
    BoundWindowFrame frame;
    int64_t offset = 1;
    bool has_aggregate = false;
    functions::BoundAggregateFunction aggregate;
    LogicalType type;
    BoundWindow Clone() const;
};
// --- end window functions ---

struct LogicalOperator;

// A subplan whose result several kSharedResult nodes read (a WITH query referenced more than
// once, see cte_reuse.cc): it runs once per execution, materialized, and each reader scans it.
struct SharedSubplan {
    int id = 0;  // for EXPLAIN: SHARED RESULT #id
    std::unique_ptr<LogicalOperator> plan;
};

// A node of the logical plan. The binder's output is turned into a tree of these; optimizer
// passes rewrite the tree; exec/ builds pipelines from it. Every node knows its output schema.
struct LogicalOperator {
    LogicalOperatorKind kind;
    std::vector<std::unique_ptr<LogicalOperator>> children;
    std::vector<planner::BoundExprPtr> expressions;
    std::vector<std::vector<planner::BoundExprPtr>> rows;  // kValues
    int64_t limit = -1;                                // kLimit; -1 = none
    int64_t offset = 0;                                // kLimit
    std::shared_ptr<const FileScanSpec> file_scan;     // kFileScan
    std::shared_ptr<const TableScanSpec> table_scan;   // kTableScan
    std::vector<BoundExprPtr> groups;                  // kAggregate: GROUP BY keys over the child
    std::vector<BoundAggregate> aggregates;            // kAggregate
    std::vector<BoundOrderBy> order_by;                // kSort
    JoinType join_type = JoinType::kInner;             // kJoin
    // kJoin: equality keys, left_keys[i] (over the left child) = right_keys[i] (over the right).
    // `expressions`, when present, are residual conditions (a conjunction) over the joined row
    // (left columns then right columns). Anti joins from NOT IN set `null_aware`: a NULL key on the right makes
    // the result empty, a NULL key on the left never qualifies.
    std::vector<BoundExprPtr> left_keys;
    std::vector<BoundExprPtr> right_keys;
    bool null_aware = false;
    bool distinct = false;                             // kUnion
    std::vector<BoundWindow> windows;                  // kWindow
    std::vector<std::string> names;                    // output column names
    std::vector<LogicalType> types;                    // output column types
    double estimated_rows = 0;                         // for EXPLAIN VERBOSE and, later, join order
    // Runtime filters (optimizer pass runtime_filters): a kJoin publishes filter `id` with the
    // values of right_keys[position] once its build side is complete; a kTableScan drops rows
    // whose output column `position` is not among them.
    struct RuntimeFilterRef {
        int id = 0;
        size_t position = 0;
    };
    std::vector<RuntimeFilterRef> runtime_filters;
    std::shared_ptr<const SharedSubplan> shared;  // kSharedResult
    // The root of a WITH query's plan as bound at one reference: equal ids are the same query
    // (0: none). cte_reuse shares the references that are still equal after optimization.
    int cte_id = 0;

    explicit LogicalOperator(LogicalOperatorKind k) : kind(k) {}

    // The tree as indented lines, one operator per line (EXPLAIN); `annotate` adds text at the
    // end of each operator's line (EXPLAIN ANALYZE's rows and times).
    using Annotator = std::function<std::string(const LogicalOperator&)>;
    std::string ToString(bool verbose = false, int depth = 0, const Annotator* annotate = nullptr) const;
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

const char* LogicalOperatorName(LogicalOperatorKind kind);

}  // namespace flashlake::planner

#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "planner/expression/bound_expression.h"
#include "planner/logical/file_scan_spec.h"
#include "types/logical_type.h"

namespace flashlake::planner {

enum class LogicalOperatorKind {
    kValues,      // literal rows: `rows` (each a list of expressions with no column references)
    kProjection,  // `expressions` over the child's columns
    kFilter,      // rows of the child where `expressions[0]` is true
    kLimit,       // `offset` rows skipped, then at most `limit` rows
    kFileScan,    // rows of the files in `file_scan` (FILES() table function)
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
    std::vector<std::string> names;                    // output column names
    std::vector<LogicalType> types;                    // output column types
    double estimated_rows = 0;                         // for EXPLAIN VERBOSE and, later, join order

    explicit LogicalOperator(LogicalOperatorKind k) : kind(k) {}

    // The tree as indented lines, one operator per line (EXPLAIN).
    std::string ToString(bool verbose = false, int depth = 0) const;
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

const char* LogicalOperatorName(LogicalOperatorKind kind);

}  // namespace flashlake::planner

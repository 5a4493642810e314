#pragma once

#include <string>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "exec/operators/operator.h"
#include "exec/pipeline/exec_context.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

// The rows a query returned, with their schema.
struct QueryRows {
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    std::vector<Chunk> chunks;

    size_t num_rows() const;
};

// Builds the pipelines of an optimized plan and runs them. Errors raised while running (overflow,
// bad casts, memory limit, cancellation) come back as a Status; nothing escapes as an exception.
Result<QueryRows> ExecutePlan(const planner::LogicalOperator& plan, ExecContext& context);
// Runs a plan into `sink` (e.g. a table writer) instead of collecting its rows.
Status ExecutePlanInto(const planner::LogicalOperator& plan, ExecContext& context, SinkOperator& sink);

}  // namespace flashlake::exec

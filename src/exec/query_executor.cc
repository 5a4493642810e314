#include "exec/query_executor.h"

#include "common/query_error.h"
#include "exec/operators/file_scan_source.h"
#include "exec/operators/filter_operator.h"
#include "exec/operators/limit_operator.h"
#include "exec/operators/projection_operator.h"
#include "exec/operators/result_collector.h"
#include "exec/operators/values_source.h"
#include "exec/pipeline/pipeline.h"

namespace flashlake::exec {

namespace {

using planner::LogicalOperator;
using planner::LogicalOperatorKind;

// Literal rows evaluated into chunks of at most kChunkSize rows.
std::vector<Chunk> BuildValueChunks(const LogicalOperator& values) {
    std::vector<Chunk> chunks;
    const size_t num_columns = values.types.size();
    for (size_t start = 0; start < values.rows.size(); start += kChunkSize) {
        size_t count = std::min(kChunkSize, values.rows.size() - start);
        std::vector<ColumnPtr> columns;
        for (size_t c = 0; c < num_columns; ++c) {
            ColumnPtr column = Column::MakeFlat(values.types[c], count);
            for (size_t r = 0; r < count; ++r) {
                column->SetValue(r, ExpressionEvaluator::EvaluateConstant(*values.rows[start + r][c]));
            }
            columns.push_back(std::move(column));
        }
        chunks.emplace_back(std::move(columns), count);
    }
    return chunks;
}

// Appends the operators of `node` and its (single-child) descendants to `pipeline`, source first.
void BuildPipeline(const LogicalOperator& node, Pipeline& pipeline, ExecContext& context) {
    switch (node.kind) {
        case LogicalOperatorKind::kFileScan:
            pipeline.source = std::make_unique<FileScanSource>(node.file_scan, context.fs);
            return;
        case LogicalOperatorKind::kValues:
            pipeline.source = std::make_unique<ValuesSource>(BuildValueChunks(node));
            return;
        case LogicalOperatorKind::kProjection:
            BuildPipeline(*node.children[0], pipeline, context);
            pipeline.operators.push_back(std::make_unique<ProjectionOperator>(node.expressions));
            return;
        case LogicalOperatorKind::kFilter:
            BuildPipeline(*node.children[0], pipeline, context);
            pipeline.operators.push_back(std::make_unique<FilterOperator>(node.expressions));
            return;
        case LogicalOperatorKind::kLimit:
            BuildPipeline(*node.children[0], pipeline, context);
            pipeline.operators.push_back(std::make_unique<LimitOperator>(node.limit, node.offset));
            return;
        case LogicalOperatorKind::kAggregate:
        case LogicalOperatorKind::kSort:
        case LogicalOperatorKind::kJoin:
        case LogicalOperatorKind::kUnion: break;
    }
    ThrowQueryError(ErrorCode::kNotSupported, "cannot execute plan operator ", planner::LogicalOperatorName(node.kind));
}

}  // namespace

size_t QueryRows::num_rows() const {
    size_t rows = 0;
    for (const auto& chunk : chunks) rows += chunk.num_rows();
    return rows;
}

Result<QueryRows> ExecutePlan(const planner::LogicalOperator& plan, ExecContext& context) {
    ResultCollector collector;
    Pipeline pipeline;
    pipeline.sink = &collector;
    try {
        BuildPipeline(plan, pipeline, context);
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
    FL_RETURN_NOT_OK(RunPipeline(pipeline, context));
    QueryRows rows{plan.names, plan.types, collector.TakeChunks()};
    return rows;
}

}  // namespace flashlake::exec

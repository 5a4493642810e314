#include "exec/query_executor.h"

#include "common/query_error.h"
#include "exec/operators/file_scan_source.h"
#include "exec/operators/filter_operator.h"
#include "exec/operators/hash_aggregate.h"
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

void BuildPipeline(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context);

// Builds `node` into a new pipeline that ends in a breaker's `sink`, and adds it to the graph
// (after the pipelines it depends on, which building it added first).
const Pipeline* BuildInputPipeline(const LogicalOperator& node, std::unique_ptr<SinkOperator> sink,
                                   PipelineGraph& graph, ExecContext& context) {
    auto pipeline = std::make_unique<Pipeline>();
    pipeline->owned_sink = std::move(sink);
    pipeline->sink = pipeline->owned_sink.get();
    BuildPipeline(node, *pipeline, graph, context);
    graph.pipelines.push_back(std::move(pipeline));
    return graph.pipelines.back().get();
}

// GROUP BY: the child's pipeline ends in the aggregation's sink; this one reads the groups.
void BuildAggregate(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    auto sink = std::make_unique<HashAggregateSink>(node.groups, node.aggregates);
    pipeline.source = sink->MakeSource();
    pipeline.dependencies.push_back(BuildInputPipeline(*node.children[0], std::move(sink), graph, context));
}

// Appends the operators of `node` and its (single-child) descendants to `pipeline`, source first;
// pipeline breakers below it add the pipelines they need to `graph`.
void BuildPipeline(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    switch (node.kind) {
        case LogicalOperatorKind::kFileScan:
            pipeline.source = std::make_unique<FileScanSource>(node.file_scan, context.fs);
            return;
        case LogicalOperatorKind::kValues:
            pipeline.source = std::make_unique<ValuesSource>(BuildValueChunks(node));
            return;
        case LogicalOperatorKind::kProjection:
            BuildPipeline(*node.children[0], pipeline, graph, context);
            pipeline.operators.push_back(std::make_unique<ProjectionOperator>(node.expressions));
            return;
        case LogicalOperatorKind::kFilter:
            BuildPipeline(*node.children[0], pipeline, graph, context);
            pipeline.operators.push_back(std::make_unique<FilterOperator>(node.expressions));
            return;
        case LogicalOperatorKind::kLimit:
            BuildPipeline(*node.children[0], pipeline, graph, context);
            pipeline.operators.push_back(std::make_unique<LimitOperator>(node.limit, node.offset));
            return;
        case LogicalOperatorKind::kAggregate: BuildAggregate(node, pipeline, graph, context); return;
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
    PipelineGraph graph;
    try {
        auto root = std::make_unique<Pipeline>();
        root->sink = &collector;
        BuildPipeline(plan, *root, graph, context);
        graph.pipelines.push_back(std::move(root));
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
    FL_RETURN_NOT_OK(RunPipelineGraph(graph, context));
    QueryRows rows{plan.names, plan.types, collector.TakeChunks()};
    return rows;
}

}  // namespace flashlake::exec

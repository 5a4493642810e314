#include "exec/query_executor.h"

#include "common/query_error.h"
#include "exec/operators/file_scan_source.h"
#include "exec/operators/table_scan_source.h"
#include "exec/operators/filter_operator.h"
#include "exec/operators/draining_operator.h"
#include "exec/operators/hash_aggregate.h"
#include "exec/operators/hash_join_build.h"
#include "exec/operators/hash_join_probe.h"
#include "exec/operators/ordered_output.h"
#include "exec/operators/sort_operator.h"
#include "exec/operators/top_n_operator.h"
#include "exec/operators/union_source.h"
#include "exec/operators/limit_operator.h"
#include "exec/operators/projection_operator.h"
#include "exec/operators/result_collector.h"
#include "exec/operators/values_source.h"
#include "exec/operators/window_operator.h"
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

// The profile of `node` when the query is profiled (EXPLAIN ANALYZE), else null.
OperatorProfile* ProfileOf(const LogicalOperator& node, ExecContext& context) {
    return context.profiles != nullptr ? context.profiles->For(&node) : nullptr;
}

// Appends a streaming operator that `node` made, with its profile.
void AddOperator(Pipeline& pipeline, std::unique_ptr<StreamOperator> op, const LogicalOperator& node,
                 ExecContext& context) {
    pipeline.operators.push_back(std::move(op));
    pipeline.operator_profiles.resize(pipeline.operators.size(), nullptr);
    pipeline.operator_profiles.back() = ProfileOf(node, context);
}

// Builds `node` into a new pipeline that ends in a breaker's `sink`, and adds it to the graph
// (after the pipelines it depends on, which building it added first).
// `breaker` is the plan node whose sink it is (its profile gets the sink's time).
const Pipeline* BuildInputPipeline(const LogicalOperator& node, std::unique_ptr<SinkOperator> sink,
                                   const LogicalOperator& breaker, PipelineGraph& graph, ExecContext& context) {
    auto pipeline = std::make_unique<Pipeline>();
    pipeline->owned_sink = std::move(sink);
    pipeline->sink = pipeline->owned_sink.get();
    pipeline->sink_profile = ProfileOf(breaker, context);
    BuildPipeline(node, *pipeline, graph, context);
    graph.pipelines.push_back(std::move(pipeline));
    return graph.pipelines.back().get();
}

// GROUP BY: the child's pipeline ends in the aggregation's sink; this one reads the groups.
void BuildAggregate(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    auto sink = std::make_unique<HashAggregateSink>(node.groups, node.aggregates);
    pipeline.source = sink->MakeSource();
    pipeline.source_profile = ProfileOf(node, context);
    pipeline.dependencies.push_back(BuildInputPipeline(*node.children[0], std::move(sink), node, graph, context));
}

// ORDER BY (with a limit: top-N): the child's pipeline ends in the sort; this one reads the rows
// in order as a single stream.
void BuildSort(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    std::unique_ptr<SinkOperator> sink;
    if (node.limit >= 0) {
        auto top_n = std::make_unique<TopNSink>(node.order_by, node.limit);
        pipeline.source = top_n->MakeSource();
        pipeline.source_profile = ProfileOf(node, context);
        sink = std::move(top_n);
    } else {
        auto sort = std::make_unique<SortSink>(node.order_by);
        pipeline.source = sort->MakeSource();
        pipeline.source_profile = ProfileOf(node, context);
        sink = std::move(sort);
    }
    pipeline.dependencies.push_back(BuildInputPipeline(*node.children[0], std::move(sink), node, graph, context));
}

// Window functions: the child's pipeline ends in the window sink (sort by partition and order
// keys, then compute); this one reads the rows with the results appended.
void BuildWindow(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    auto sink = std::make_unique<WindowSink>(node);
    pipeline.source = sink->MakeSource();
    pipeline.source_profile = ProfileOf(node, context);
    pipeline.dependencies.push_back(BuildInputPipeline(*node.children[0], std::move(sink), node, graph, context));
}

// JOIN: the right child's pipeline ends in the hash table build; the left child continues this
// pipeline, which probes the table.
void BuildJoin(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    std::vector<planner::BoundExprPtr> right_keys;
    for (const auto& key : node.right_keys) right_keys.push_back(key->Clone());
    auto table = std::make_shared<JoinHashTable>(node.children[1]->types, std::move(right_keys));
    // Made before the build runs: RIGHT and FULL joins ask the table to track matches.
    auto probe = std::make_unique<HashJoinProbe>(table, node.join_type, node.left_keys, node.expressions,
                                                 node.null_aware, node.children[0]->types);
    std::vector<HashJoinBuildSink::FilterOfKey> filters;
    for (const auto& ref : node.runtime_filters) {
        auto filter = std::make_shared<RuntimeFilter>();
        graph.runtime_filters[ref.id] = filter;
        filters.push_back({std::move(filter), ref.position});
    }
    auto sink = std::make_unique<HashJoinBuildSink>(table, std::move(filters));
    pipeline.dependencies.push_back(BuildInputPipeline(*node.children[1], std::move(sink), node, graph, context));
    BuildPipeline(*node.children[0], pipeline, graph, context);
    AddOperator(pipeline, std::move(probe), node, context);
}

// UNION ALL: a source reading the children's pipelines one after another; UNION DISTINCT puts a
// hash aggregation on all columns after it.
void BuildUnion(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    auto source = std::make_unique<UnionSource>();
    std::vector<const Pipeline*> dependencies;
    for (const auto& child : node.children) {
        auto branch = std::make_unique<Pipeline>();
        BuildPipeline(*child, *branch, graph, context);
        bool draining = false;
        for (const auto& op : branch->operators) draining = draining || dynamic_cast<DrainingOperator*>(op.get());
        if (draining) {
            // Rows emitted after the branch's input ends (RIGHT/FULL JOIN) need a pipeline run of
            // their own: materialize the branch.
            auto output = std::make_shared<OrderedOutput>();
            branch->owned_sink = std::make_unique<OrderedOutputSink>(output);
            branch->sink = branch->owned_sink.get();
            graph.pipelines.push_back(std::move(branch));
            dependencies.push_back(graph.pipelines.back().get());
            source->AddBranch(std::make_unique<OrderedOutputSource>(output), {});
            continue;
        }
        dependencies.insert(dependencies.end(), branch->dependencies.begin(), branch->dependencies.end());
        source->AddBranch(std::move(branch->source), std::move(branch->operators));
    }
    if (!node.distinct) {
        pipeline.source = std::move(source);
        pipeline.source_profile = ProfileOf(node, context);
        pipeline.dependencies.insert(pipeline.dependencies.end(), dependencies.begin(), dependencies.end());
        return;
    }
    std::vector<planner::BoundExprPtr> columns;
    for (size_t i = 0; i < node.types.size(); ++i) {
        columns.push_back(planner::MakeColumnRef(i, node.types[i], i < node.names.size() ? node.names[i] : ""));
    }
    auto sink = std::make_unique<HashAggregateSink>(columns, std::vector<planner::BoundAggregate>{});
    pipeline.source = sink->MakeSource();
    pipeline.source_profile = ProfileOf(node, context);
    auto input = std::make_unique<Pipeline>();
    input->source = std::move(source);
    input->owned_sink = std::move(sink);
    input->sink = input->owned_sink.get();
    input->dependencies = std::move(dependencies);
    graph.pipelines.push_back(std::move(input));
    pipeline.dependencies.push_back(graph.pipelines.back().get());
}

// A shared result (a WITH query read more than once): its plan runs once, in a pipeline of its
// own built at the first reader, into a materialized output every reader scans.
void BuildSharedResult(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    auto [entry, first] = graph.shared_results.try_emplace(node.shared.get());
    PipelineGraph::SharedBuild& build = entry->second;  // stays valid while building inserts more
    if (first) {
        build.output = std::make_shared<OrderedOutput>();
        build.producer = BuildInputPipeline(*node.shared->plan, std::make_unique<OrderedOutputSink>(build.output),
                                            node, graph, context);
    }
    pipeline.source = std::make_unique<SharedOutputSource>(build.output);
    pipeline.source_profile = ProfileOf(node, context);
    pipeline.dependencies.push_back(build.producer);
}

// Appends the operators of `node` and its (single-child) descendants to `pipeline`, source first;
// pipeline breakers below it add the pipelines they need to `graph`.
void BuildPipeline(const LogicalOperator& node, Pipeline& pipeline, PipelineGraph& graph, ExecContext& context) {
    switch (node.kind) {
        case LogicalOperatorKind::kFileScan:
            pipeline.source = std::make_unique<FileScanSource>(node.file_scan, context.fs);
            pipeline.source_profile = ProfileOf(node, context);
            return;
        case LogicalOperatorKind::kTableScan: {
            std::vector<RuntimeFilterProbe> filters;
            for (const auto& ref : node.runtime_filters) {
                // The join that publishes it was built first (the scan is on its probe side).
                auto found = graph.runtime_filters.find(ref.id);
                if (found != graph.runtime_filters.end()) filters.push_back({found->second, ref.position});
            }
            pipeline.source = std::make_unique<TableScanSource>(node.table_scan, context.fs, std::move(filters));
            pipeline.source_profile = ProfileOf(node, context);
            return;
        }
        case LogicalOperatorKind::kValues:
            pipeline.source = std::make_unique<ValuesSource>(BuildValueChunks(node));
            pipeline.source_profile = ProfileOf(node, context);
            return;
        case LogicalOperatorKind::kProjection:
            BuildPipeline(*node.children[0], pipeline, graph, context);
            AddOperator(pipeline, std::make_unique<ProjectionOperator>(node.expressions), node, context);
            return;
        case LogicalOperatorKind::kFilter:
            BuildPipeline(*node.children[0], pipeline, graph, context);
            AddOperator(pipeline, std::make_unique<FilterOperator>(node.expressions), node, context);
            return;
        case LogicalOperatorKind::kLimit:
            BuildPipeline(*node.children[0], pipeline, graph, context);
            AddOperator(pipeline, std::make_unique<LimitOperator>(node.limit, node.offset), node, context);
            return;
        case LogicalOperatorKind::kAggregate: BuildAggregate(node, pipeline, graph, context); return;
        case LogicalOperatorKind::kSort: BuildSort(node, pipeline, graph, context); return;
        case LogicalOperatorKind::kJoin: BuildJoin(node, pipeline, graph, context); return;
        case LogicalOperatorKind::kUnion: BuildUnion(node, pipeline, graph, context); return;
        case LogicalOperatorKind::kWindow: BuildWindow(node, pipeline, graph, context); return;
        case LogicalOperatorKind::kSharedResult: BuildSharedResult(node, pipeline, graph, context); return;
    }
    ThrowQueryError(ErrorCode::kNotSupported, "cannot execute plan operator ", planner::LogicalOperatorName(node.kind));
}

}  // namespace

size_t QueryRows::num_rows() const {
    size_t rows = 0;
    for (const auto& chunk : chunks) rows += chunk.num_rows();
    return rows;
}

Status ExecutePlanInto(const planner::LogicalOperator& plan, ExecContext& context, SinkOperator& sink) {
    PipelineGraph graph;
    try {
        auto root = std::make_unique<Pipeline>();
        root->sink = &sink;
        BuildPipeline(plan, *root, graph, context);
        graph.pipelines.push_back(std::move(root));
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
    try {
        return RunPipelineGraph(graph, context);
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

Result<QueryRows> ExecutePlan(const planner::LogicalOperator& plan, ExecContext& context) {
    ResultCollector collector;
    FL_RETURN_NOT_OK(ExecutePlanInto(plan, context, collector));
    QueryRows rows{plan.names, plan.types, collector.TakeChunks()};
    return rows;
}

}  // namespace flashlake::exec

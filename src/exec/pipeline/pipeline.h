#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "exec/operators/operator.h"
#include "exec/operators/ordered_output.h"
#include "exec/operators/runtime_filter.h"

namespace flashlake::exec {

// A source, a chain of streaming operators and a sink, with no blocking operator inside:
// pipelines are split at pipeline breakers (hash aggregation, sort, hash join build), and the
// breaker's sink ends one pipeline while a source it makes starts the next one.
struct Pipeline {
    std::unique_ptr<SourceOperator> source;
    std::vector<std::unique_ptr<StreamOperator>> operators;
    SinkOperator* sink = nullptr;              // the result collector, or owned_sink
    std::unique_ptr<SinkOperator> owned_sink;  // a breaker's sink
    // Pipelines that must have finished before this one starts: those whose sinks feed its source
    // and those that build the hash tables its joins probe.
    std::vector<const Pipeline*> dependencies;
    bool finished = false;
    // EXPLAIN ANALYZE: where the source's, each operator's and the sink's rows and time go
    // (null entries are not counted).
    OperatorProfile* source_profile = nullptr;
    std::vector<OperatorProfile*> operator_profiles;  // parallel to `operators` when set
    OperatorProfile* sink_profile = nullptr;
};

// Runs a pipeline with up to context.parallelism drivers on the context's pool. Each driver pulls
// morsels from the source and pushes them through the operators into the sink. The first error
// (a QueryError or a failed check) cancels the other drivers and is returned; a cancelled query
// returns kCancelled. Then the rows of draining operators (draining_operator.h) are run through
// the rest of the pipeline, and the sink's Finish runs once.
Status RunPipeline(Pipeline& pipeline, ExecContext& context);

// The pipelines of one query, each after the pipelines it depends on; the last one produces the
// query's result.
struct PipelineGraph {
    std::vector<std::unique_ptr<Pipeline>> pipelines;
    // The joins' runtime filters by plan id, shared by the build sink that publishes each one and
    // the scans that apply it.
    std::unordered_map<int, std::shared_ptr<RuntimeFilter>> runtime_filters;
    // Shared results (kSharedResult): the pipeline that materializes each one, built at its first
    // reader, and where its rows are kept for every reader.
    struct SharedBuild {
        std::shared_ptr<OrderedOutput> output;
        const Pipeline* producer = nullptr;
    };
    std::unordered_map<const void*, SharedBuild> shared_results;
};

// Runs the pipelines in order (checking that each one's dependencies have finished) and stops at
// the first error. A pipeline's operators and sink are released as soon as it has run, so that a
// join's input chunks or a finished aggregation's partial tables do not stay alive to the end of
// the query; what the next pipeline reads is kept by the source it holds.
Status RunPipelineGraph(PipelineGraph& graph, ExecContext& context);

}  // namespace flashlake::exec

#pragma once

#include <memory>
#include <vector>

#include "common/status.h"
#include "exec/operators/operator.h"

namespace flashlake::exec {

// A source, a chain of streaming operators and a sink, with no blocking operator inside:
// pipelines are split at pipeline breakers (hash build, aggregation, sort), and one pipeline's
// sink is the next one's source.
struct Pipeline {
    std::unique_ptr<SourceOperator> source;
    std::vector<std::unique_ptr<StreamOperator>> operators;
    SinkOperator* sink = nullptr;  // owned by whoever reads the result
};

// Runs a pipeline with up to context.parallelism drivers on the context's pool. Each driver pulls
// morsels from the source and pushes them through the operators into the sink. The first error
// (a QueryError or a failed check) cancels the other drivers and is returned; a cancelled query
// returns kCancelled.
Status RunPipeline(Pipeline& pipeline, ExecContext& context);

}  // namespace flashlake::exec

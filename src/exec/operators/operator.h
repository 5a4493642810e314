#pragma once

#include <cstdint>

#include "column/chunk.h"
#include "exec/pipeline/exec_context.h"

namespace flashlake::exec {

// The three roles an operator plays in a pipeline. One instance serves every driver of the
// pipeline at once, so implementations are thread-safe (most are stateless per chunk).

// Hands out morsels: each call returns the next chunk of input and its position in the source's
// order, or false when the source is exhausted.
class SourceOperator {
public:
    virtual ~SourceOperator() = default;
    virtual bool Next(ExecContext& context, Chunk& chunk, uint64_t& morsel_index) = 0;
};

// Transforms a chunk in place. Returns false once it needs no more input (a satisfied LIMIT),
// which ends the pipeline early.
class StreamOperator {
public:
    virtual ~StreamOperator() = default;
    virtual bool Process(ExecContext& context, Chunk& chunk) = 0;
};

// Receives the pipeline's output. Finish runs once after every driver is done.
class SinkOperator {
public:
    virtual ~SinkOperator() = default;
    virtual void Consume(ExecContext& context, Chunk chunk, uint64_t morsel_index) = 0;
    virtual void Finish(ExecContext& context) {}
};

}  // namespace flashlake::exec

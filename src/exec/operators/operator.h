#pragma once

#include <cstdint>
#include <memory>

#include "column/chunk.h"
#include "exec/pipeline/exec_context.h"

namespace flashlake::exec {

// The three roles an operator plays in a pipeline. One instance serves every driver of the
// pipeline at once, so implementations are thread-safe (most are stateless per chunk).

// Where a chunk stands in the source's order: its morsel, then its place within the morsel.
struct ChunkOrder {
    uint64_t morsel = 0;
    uint64_t sequence = 0;
    bool operator<(const ChunkOrder& other) const {
        return morsel != other.morsel ? morsel < other.morsel : sequence < other.sequence;
    }
};

// A unit of source work (a row group, a file, a batch of literal rows) that one driver reads
// from start to end, a chunk per call; false when it is exhausted.
class Morsel {
public:
    virtual ~Morsel() = default;
    virtual bool Next(ExecContext& context, Chunk& chunk) = 0;
};

// Hands out morsels to the drivers of a pipeline: thread-safe; null when none are left.
// `morsel_index` numbers morsels in source order.
class SourceOperator {
public:
    virtual ~SourceOperator() = default;
    virtual std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) = 0;
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
    virtual void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) = 0;
    virtual void Finish(ExecContext& context) {}
};

}  // namespace flashlake::exec

#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "exec/operators/memory_charge.h"
#include "exec/operators/operator.h"

namespace flashlake::exec {

// The result of a sort or top-N: chunks in SQL order, filled by the sink's Finish. A
// materialized branch or shared result (OrderedOutputSink) charges its bytes to the query's
// memory tracker until it is released.
struct OrderedOutput {
    std::vector<Chunk> chunks;
    MemoryCharge memory;
};

// Hands out an OrderedOutput as ONE morsel whose chunks come in order (sequence = chunk number):
// a single driver carries them through the rest of the pipeline, so a LIMIT above the sort claims
// rows in sorted order and the result collector, which orders by (morsel, sequence), keeps it.
class OrderedOutputSource : public SourceOperator {
public:
    explicit OrderedOutputSource(std::shared_ptr<OrderedOutput> output) : output_(std::move(output)) {}
    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override;

private:
    std::shared_ptr<OrderedOutput> output_;
    std::atomic<bool> taken_{false};
};

// Hands out a materialized result's chunks, one morsel each, to any number of such sources
// (every reader of a shared result has its own); row order is not kept.
class SharedOutputSource : public SourceOperator {
public:
    explicit SharedOutputSource(std::shared_ptr<const OrderedOutput> output) : output_(std::move(output)) {}
    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override;

private:
    std::shared_ptr<const OrderedOutput> output_;
    std::atomic<size_t> next_{0};
};

}  // namespace flashlake::exec

namespace flashlake::exec {

// Collects a pipeline's chunks into an OrderedOutput in source order, for a branch of rows that
// must be materialized before another pipeline reads them.
class OrderedOutputSink : public SinkOperator {
public:
    explicit OrderedOutputSink(std::shared_ptr<OrderedOutput> output) : output_(std::move(output)) {}
    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override;
    void Finish(ExecContext& context) override;

private:
    std::shared_ptr<OrderedOutput> output_;
    std::mutex mutex_;
    std::vector<std::pair<ChunkOrder, Chunk>> pieces_;  // guarded by mutex_
    size_t bytes_ = 0;                                  // guarded by mutex_
};

}  // namespace flashlake::exec

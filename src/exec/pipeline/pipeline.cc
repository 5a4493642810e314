#include "exec/pipeline/pipeline.h"

#include <mutex>

#include "common/query_error.h"
#include "exec/operators/draining_operator.h"

namespace flashlake::exec {

namespace {

// What the drivers of one run share: a source, the operators after it, and the sink. Morsel
// indices are offset by `morsel_base` so that the rows of draining operators order after the
// pipeline's own.
struct DriverRun {
    SourceOperator* source;
    std::vector<StreamOperator*> operators;
    SinkOperator* sink;
    uint64_t morsel_base = 0;
};

void DriveMorsels(const DriverRun& run, ExecContext& context) {
    Chunk chunk;
    uint64_t morsel_index = 0;
    while (!context.IsCancelled()) {
        std::unique_ptr<Morsel> morsel = run.source->NextMorsel(context, morsel_index);
        if (!morsel) return;
        for (uint64_t sequence = 0; !context.IsCancelled() && morsel->Next(context, chunk); ++sequence) {
            bool wants_more = true;
            for (StreamOperator* op : run.operators) {
                wants_more = op->Process(context, chunk) && wants_more;
                if (chunk.empty()) break;
            }
            if (!chunk.empty()) {
                run.sink->Consume(context, std::move(chunk), ChunkOrder{run.morsel_base + morsel_index, sequence});
            }
            if (!wants_more) return;
        }
    }
}

// Runs `body`, turning the errors a query may raise into a Status and cancelling the query.
template <typename Body>
Status Guarded(ExecContext& context, Body&& body) {
    try {
        body();
    } catch (const QueryError& error) {
        context.cancelled = true;
        return error.ToStatus();
    } catch (const std::bad_alloc&) {
        context.cancelled = true;
        return Status(ErrorCode::kOutOfMemory, "out of memory while executing the query");
    }
    return Status::OK();
}

Status RunDrivers(const DriverRun& run, ExecContext& context) {
    std::mutex error_mutex;
    Status first_error;  // guarded by error_mutex
    auto driver = [&](size_t) {
        Status status = Guarded(context, [&] { DriveMorsels(run, context); });
        if (!status.ok()) {
            std::lock_guard lock(error_mutex);
            if (first_error.ok()) first_error = status;
        }
    };
    size_t drivers = std::max<size_t>(1, context.parallelism);
    if (drivers == 1 || context.pool == nullptr) {
        driver(0);
    } else {
        ParallelFor(*context.pool, drivers, driver);
    }
    if (!first_error.ok()) return first_error;
    if (context.IsCancelled()) return Status::Cancelled("Query was cancelled");
    return Status::OK();
}

}  // namespace

Status RunPipeline(Pipeline& pipeline, ExecContext& context) {
    DriverRun run{pipeline.source.get(), {}, pipeline.sink};
    for (auto& op : pipeline.operators) run.operators.push_back(op.get());
    FL_RETURN_NOT_OK(RunDrivers(run, context));
    for (size_t i = 0; i < run.operators.size(); ++i) {
        auto* draining = dynamic_cast<DrainingOperator*>(run.operators[i]);
        if (draining == nullptr) continue;
        std::unique_ptr<SourceOperator> remaining;
        FL_RETURN_NOT_OK(Guarded(context, [&] { remaining = draining->TakeRemaining(context); }));
        if (!remaining) continue;
        DriverRun tail{remaining.get(),
                       {run.operators.begin() + static_cast<std::ptrdiff_t>(i) + 1, run.operators.end()},
                       pipeline.sink,
                       (uint64_t{i} + 1) << 56};
        FL_RETURN_NOT_OK(RunDrivers(tail, context));
    }
    return Guarded(context, [&] { pipeline.sink->Finish(context); });
}

Status RunPipelineGraph(PipelineGraph& graph, ExecContext& context) {
    for (auto& pipeline : graph.pipelines) {
        for (const Pipeline* dependency : pipeline->dependencies) {
            FL_CHECK(dependency->finished, "pipeline scheduled before one it depends on");
        }
        FL_RETURN_NOT_OK(RunPipeline(*pipeline, context));
        pipeline->finished = true;
        pipeline->source.reset();
        pipeline->operators.clear();
        pipeline->owned_sink.reset();
        pipeline->sink = nullptr;
    }
    return Status::OK();
}

}  // namespace flashlake::exec

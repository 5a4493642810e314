#include "exec/pipeline/pipeline.h"

#include <chrono>
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
    // Profiling (EXPLAIN ANALYZE): all set, or `profiled` false.
    bool profiled = false;
    OperatorProfile* source_profile = nullptr;
    std::vector<OperatorProfile*> operator_profiles{};
    OperatorProfile* sink_profile = nullptr;
};

// Adds the time since `start` (and `rows`) to `profile`, when there is one; returns now.
std::chrono::steady_clock::time_point Charge(OperatorProfile* profile, std::chrono::steady_clock::time_point start,
                                             size_t rows) {
    auto now = std::chrono::steady_clock::now();
    if (profile != nullptr) {
        profile->nanos.fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(now - start).count(),
                                 std::memory_order_relaxed);
        profile->rows.fetch_add(static_cast<int64_t>(rows), std::memory_order_relaxed);
    }
    return now;
}

// The driver loop; kProfiled also times each step (kept apart so the plain loop has no clock).
template <bool kProfiled>
void DriveMorsels(const DriverRun& run, ExecContext& context) {
    Chunk chunk;
    uint64_t morsel_index = 0;
    std::chrono::steady_clock::time_point start;
    if constexpr (kProfiled) start = std::chrono::steady_clock::now();
    while (!context.IsCancelled()) {
        std::unique_ptr<Morsel> morsel = run.source->NextMorsel(context, morsel_index);
        if (!morsel) {
            if constexpr (kProfiled) Charge(run.source_profile, start, 0);
            return;
        }
        for (uint64_t sequence = 0; !context.IsCancelled() && morsel->Next(context, chunk); ++sequence) {
            if constexpr (kProfiled) start = Charge(run.source_profile, start, chunk.num_rows());
            bool wants_more = true;
            for (size_t i = 0; i < run.operators.size(); ++i) {
                wants_more = run.operators[i]->Process(context, chunk) && wants_more;
                if constexpr (kProfiled) start = Charge(run.operator_profiles[i], start, chunk.num_rows());
                if (chunk.empty()) break;
            }
            if (!chunk.empty()) {
                run.sink->Consume(context, std::move(chunk), ChunkOrder{run.morsel_base + morsel_index, sequence});
                if constexpr (kProfiled) start = Charge(run.sink_profile, start, 0);
            }
            if (!wants_more) return;
        }
        if constexpr (kProfiled) start = Charge(run.source_profile, start, 0);
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
        Status status = Guarded(context, [&] {
            if (run.profiled) {
                DriveMorsels<true>(run, context);
            } else {
                DriveMorsels<false>(run, context);
            }
        });
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
    if (context.profiles != nullptr) {
        run.profiled = true;
        run.source_profile = pipeline.source_profile;
        run.operator_profiles = pipeline.operator_profiles;
        run.operator_profiles.resize(run.operators.size(), nullptr);
        run.sink_profile = pipeline.sink_profile;
    }
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
        if (run.profiled) {
            // The draining operator's leftover rows (RIGHT/FULL JOIN) are its output.
            tail.profiled = true;
            tail.source_profile = run.operator_profiles[i];
            tail.operator_profiles.assign(run.operator_profiles.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                          run.operator_profiles.end());
            tail.sink_profile = run.sink_profile;
        }
        FL_RETURN_NOT_OK(RunDrivers(tail, context));
    }
    auto finish_start = std::chrono::steady_clock::now();
    Status finished = Guarded(context, [&] { pipeline.sink->Finish(context); });
    if (run.profiled) Charge(run.sink_profile, finish_start, 0);
    return finished;
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

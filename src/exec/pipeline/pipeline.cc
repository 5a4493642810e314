#include "exec/pipeline/pipeline.h"

#include <mutex>

#include "common/query_error.h"

namespace flashlake::exec {

namespace {

void DriveMorsels(Pipeline& pipeline, ExecContext& context) {
    Chunk chunk;
    uint64_t morsel_index = 0;
    while (!context.IsCancelled()) {
        std::unique_ptr<Morsel> morsel = pipeline.source->NextMorsel(context, morsel_index);
        if (!morsel) return;
        for (uint64_t sequence = 0; !context.IsCancelled() && morsel->Next(context, chunk); ++sequence) {
            bool wants_more = true;
            for (auto& op : pipeline.operators) {
                wants_more = op->Process(context, chunk) && wants_more;
                if (chunk.empty()) break;
            }
            if (!chunk.empty()) pipeline.sink->Consume(context, std::move(chunk), ChunkOrder{morsel_index, sequence});
            if (!wants_more) return;
        }
    }
}

}  // namespace

Status RunPipeline(Pipeline& pipeline, ExecContext& context) {
    std::mutex error_mutex;
    Status first_error;  // guarded by error_mutex
    auto driver = [&](size_t) {
        try {
            DriveMorsels(pipeline, context);
        } catch (const QueryError& error) {
            std::lock_guard lock(error_mutex);
            if (first_error.ok()) first_error = error.ToStatus();
            context.cancelled = true;
        } catch (const std::bad_alloc&) {
            std::lock_guard lock(error_mutex);
            if (first_error.ok()) first_error = Status(ErrorCode::kOutOfMemory, "out of memory while executing the query");
            context.cancelled = true;
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
    try {
        pipeline.sink->Finish(context);
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
    return Status::OK();
}

}  // namespace flashlake::exec

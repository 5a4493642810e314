#pragma once

#include <atomic>
#include <cstddef>

#include "common/memory_tracker.h"
#include "common/thread_pool.h"
#include "exec/pipeline/operator_profile.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::exec {

// What operators of one query share while it runs: the worker pool, how many drivers may run a
// pipeline at once, the query's memory tracker, and its cancellation flag (set by KILL, a
// timeout, or the first error of any driver).
struct ExecContext {
    ThreadPool* pool = nullptr;
    size_t parallelism = 1;
    MemoryTracker* memory = nullptr;
    io::FileSystem* fs = nullptr;  // where scans read files
    std::atomic<bool> cancelled{false};
    // Set from outside the query (KILL QUERY from another connection); may be null. Read like
    // `cancelled`, between morsels and batches.
    const std::atomic<bool>* interrupted = nullptr;
    // Set by EXPLAIN ANALYZE: operators count their rows and time into it.
    OperatorProfiles* profiles = nullptr;

    bool IsCancelled() const {
        return cancelled.load(std::memory_order_relaxed) ||
               (interrupted != nullptr && interrupted->load(std::memory_order_relaxed));
    }
};

}  // namespace flashlake::exec

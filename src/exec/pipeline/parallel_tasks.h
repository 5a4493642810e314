#pragma once

#include <cstddef>
#include <functional>

#include "exec/pipeline/exec_context.h"

namespace flashlake::exec {

// Runs task(i) for i in [0, count) on the context's pool (inline when there is no pool or one
// task) and waits. Pipeline breakers use it for their parallel phases (merging partitions,
// sorting runs, building a join table). A QueryError or bad_alloc thrown by a task stops the
// remaining tasks from starting and is rethrown here, on the calling thread, so that no exception
// crosses a worker thread. Must not be called from a pool worker.
void RunParallelTasks(ExecContext& context, size_t count, const std::function<void(size_t)>& task);

}  // namespace flashlake::exec

#include "exec/pipeline/parallel_tasks.h"

#include <atomic>
#include <exception>
#include <mutex>

#include "common/query_error.h"

namespace flashlake::exec {

void RunParallelTasks(ExecContext& context, size_t count, const std::function<void(size_t)>& task) {
    if (count == 0) return;
    if (context.pool == nullptr || context.parallelism <= 1 || count == 1) {
        for (size_t i = 0; i < count; ++i) task(i);
        return;
    }
    std::mutex error_mutex;
    std::exception_ptr first_error;  // guarded by error_mutex
    std::atomic<bool> failed{false};
    std::atomic<size_t> next{0};
    // As many workers as the query may use, each taking tasks in turn, so that a query with
    // parallelism 2 does not occupy the whole pool with 16 partition merges.
    size_t workers = std::min(count, context.parallelism);
    ParallelFor(*context.pool, workers, [&](size_t) {
        while (!failed.load(std::memory_order_relaxed)) {
            size_t i = next.fetch_add(1);
            if (i >= count) return;
            try {
                task(i);
            } catch (const QueryError&) {
                std::lock_guard lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed = true;
            } catch (const std::bad_alloc&) {
                std::lock_guard lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed = true;
            }
        }
    });
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace flashlake::exec

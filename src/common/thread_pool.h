#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace flashlake {

// A fixed set of worker threads taking tasks from one FIFO queue. The morsel scheduler in
// exec/pipeline and the resource groups in runtime/ build their fairness on top of it; this type
// only runs closures. Tasks must not throw: callers convert errors to values first.
class ThreadPool {
public:
    // num_threads == 0 means one per hardware thread.
    explicit ThreadPool(size_t num_threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    void Submit(std::function<void()> task);
    size_t num_threads() const { return workers_.size(); }

private:
    void WorkerLoop();

    std::mutex mutex_;
    std::condition_variable work_available_;  // signalled when queue_ grows or stopping_ is set
    std::deque<std::function<void()>> queue_;  // guarded by mutex_
    bool stopping_ = false;                    // guarded by mutex_
    std::vector<std::thread> workers_;
};

// Waits for a set of tasks submitted to a pool; the waiting thread helps by running nothing
// itself, so it must not be one of the pool's workers.
class TaskGroup {
public:
    explicit TaskGroup(ThreadPool& pool) : pool_(pool) {}
    ~TaskGroup() { Wait(); }

    void Run(std::function<void()> task);
    void Wait();

private:
    ThreadPool& pool_;
    std::mutex mutex_;
    std::condition_variable done_;
    size_t pending_ = 0;  // guarded by mutex_
};

// Runs fn(i) for i in [0, count) on the pool and waits; count == 1 runs inline.
void ParallelFor(ThreadPool& pool, size_t count, const std::function<void(size_t)>& fn);

}  // namespace flashlake

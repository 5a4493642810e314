#include "common/thread_pool.h"

namespace flashlake {

ThreadPool::ThreadPool(size_t num_threads) {
    if (num_threads == 0) num_threads = std::max(1u, std::thread::hardware_concurrency());
    workers_.reserve(num_threads);
    for (size_t i = 0; i < num_threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_available_.notify_all();
    for (auto& worker : workers_) worker.join();
}

void ThreadPool::Submit(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(task));
    }
    work_available_.notify_one();
}

void ThreadPool::WorkerLoop() {
    while (true) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            work_available_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping and drained
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        task();
    }
}

void TaskGroup::Run(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        ++pending_;
    }
    pool_.Submit([this, task = std::move(task)] {
        task();
        std::lock_guard lock(mutex_);
        if (--pending_ == 0) done_.notify_all();
    });
}

void TaskGroup::Wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
}

void ParallelFor(ThreadPool& pool, size_t count, const std::function<void(size_t)>& fn) {
    if (count == 1) {
        fn(0);
        return;
    }
    TaskGroup group(pool);
    for (size_t i = 0; i < count; ++i) group.Run([&fn, i] { fn(i); });
    group.Wait();
}

}  // namespace flashlake

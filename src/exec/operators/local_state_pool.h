#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace flashlake::exec {

// Per-driver state of a sink without driver ids: a driver borrows a state for one chunk and gives
// it back, so no two threads ever hold the same state and at most as many states exist as drivers
// ran at once. Sinks keep thread-local partial results (hash tables, sorted runs) in these and
// merge them in Finish. The lock is taken twice per chunk, never per row.
template <typename State>
class LocalStatePool {
public:
    // Returns the state to the pool when it goes out of scope, also when Consume throws.
    class Lease {
    public:
        Lease(LocalStatePool& pool, State* state) : pool_(pool), state_(state) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { pool_.Release(state_); }
        State& operator*() const { return *state_; }
        State* operator->() const { return state_; }

    private:
        LocalStatePool& pool_;
        State* state_;
    };

    explicit LocalStatePool(std::function<std::unique_ptr<State>()> factory) : factory_(std::move(factory)) {}

    Lease Acquire() {
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                State* state = free_.back();
                free_.pop_back();
                return Lease(*this, state);
            }
        }
        std::unique_ptr<State> fresh = factory_();
        State* state = fresh.get();
        std::lock_guard lock(mutex_);
        all_.push_back(std::move(fresh));
        return Lease(*this, state);
    }

    // Every state made so far; only once no driver runs (in Finish).
    std::vector<std::unique_ptr<State>>& states() { return all_; }

private:
    void Release(State* state) {
        std::lock_guard lock(mutex_);
        free_.push_back(state);
    }

    std::function<std::unique_ptr<State>()> factory_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<State>> all_;  // guarded by mutex_ while drivers run
    std::vector<State*> free_;                 // guarded by mutex_
};

}  // namespace flashlake::exec

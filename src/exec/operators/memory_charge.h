#pragma once

#include <cstdint>

#include "common/memory_tracker.h"
#include "common/query_error.h"

namespace flashlake::exec {

// The bytes one structure (a hash table, a sorted run) holds, charged to the query's memory
// tracker as it grows and released when it dies. Growing past the limit fails the query with
// kMemoryLimitExceeded naming the limit and the usage. A null tracker charges nothing.
class MemoryCharge {
public:
    MemoryCharge() = default;
    explicit MemoryCharge(MemoryTracker* tracker) : tracker_(tracker) {}
    MemoryCharge(const MemoryCharge&) = delete;
    MemoryCharge& operator=(const MemoryCharge&) = delete;
    ~MemoryCharge() {
        if (tracker_ != nullptr && charged_ > 0) tracker_->Release(charged_);
    }

    void SetTracker(MemoryTracker* tracker) { tracker_ = tracker; }

    // Charges or releases the difference between `bytes` and what is charged now.
    void Update(size_t bytes) {
        if (tracker_ == nullptr) return;
        int64_t delta = static_cast<int64_t>(bytes) - charged_;
        if (delta > 0) {
            Status status = tracker_->TryConsume(delta);
            if (!status.ok()) ThrowQueryError(ErrorCode::kMemoryLimitExceeded, status.message());
        } else if (delta < 0) {
            tracker_->Release(-delta);
        }
        charged_ += delta;
    }
    int64_t charged() const { return charged_; }

private:
    MemoryTracker* tracker_ = nullptr;
    int64_t charged_ = 0;
};

}  // namespace flashlake::exec

#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/status.h"

namespace flashlake {

// Counts bytes held by a query, a resource group or the process, in a tree: consuming in a child
// also consumes in every ancestor, and a consumption that would take any of them past its limit
// is refused as a whole. Thread-safe (atomics only).
class MemoryTracker {
public:
    // limit < 0: unlimited.
    MemoryTracker(std::string label, int64_t limit, MemoryTracker* parent = nullptr)
        : label_(std::move(label)), limit_(limit), parent_(parent) {}
    ~MemoryTracker() {
        if (parent_ != nullptr) parent_->Release(consumed_.load());
    }
    MemoryTracker(const MemoryTracker&) = delete;
    MemoryTracker& operator=(const MemoryTracker&) = delete;

    // Charges `bytes`, or returns kMemoryLimitExceeded naming the tracker, its limit and usage.
    Status TryConsume(int64_t bytes);
    void Release(int64_t bytes);

    int64_t consumed() const { return consumed_.load(std::memory_order_relaxed); }
    int64_t peak() const { return peak_.load(std::memory_order_relaxed); }
    int64_t limit() const { return limit_; }
    const std::string& label() const { return label_; }

private:
    std::string label_;
    int64_t limit_;
    MemoryTracker* parent_;
    std::atomic<int64_t> consumed_{0};
    std::atomic<int64_t> peak_{0};
};

// "1.50 GB", "512.00 KB": sizes in messages.
std::string FormatBytes(int64_t bytes);

}  // namespace flashlake

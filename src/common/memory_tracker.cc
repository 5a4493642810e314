#include "common/memory_tracker.h"

#include <cstdio>

namespace flashlake {

Status MemoryTracker::TryConsume(int64_t bytes) {
    int64_t now = consumed_.fetch_add(bytes) + bytes;
    if (limit_ >= 0 && now > limit_) {
        consumed_.fetch_sub(bytes);
        return Status(ErrorCode::kMemoryLimitExceeded,
                      "Memory of " + label_ + " exceeds limit: limit " + FormatBytes(limit_) + ", used " +
                          FormatBytes(now - bytes) + ", requested " + FormatBytes(bytes));
    }
    if (parent_ != nullptr) {
        Status status = parent_->TryConsume(bytes);
        if (!status.ok()) {
            consumed_.fetch_sub(bytes);
            return status;
        }
    }
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
    }
    return Status::OK();
}

void MemoryTracker::Release(int64_t bytes) {
    consumed_.fetch_sub(bytes);
    if (parent_ != nullptr) parent_->Release(bytes);
}

std::string FormatBytes(int64_t bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), unit == 0 ? "%.0f %s" : "%.2f %s", value, units[unit]);
    return buffer;
}

}  // namespace flashlake

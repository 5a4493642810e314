#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace flashlake::exec {

// What one plan operator did while a query ran (EXPLAIN ANALYZE): the rows it produced and the
// CPU time its drivers spent in it, summed over threads (for a breaker: consuming its input and
// producing its output; for a join: building and probing).
struct OperatorProfile {
    std::atomic<int64_t> rows{0};
    std::atomic<int64_t> nanos{0};
};

// The profiles of a query's plan operators, keyed by plan node. Filled while the pipelines are
// built (one thread), then updated concurrently through the profiles' atomics.
class OperatorProfiles {
public:
    OperatorProfile* For(const void* node) {
        auto& slot = profiles_[node];
        if (!slot) slot = std::make_unique<OperatorProfile>();
        return slot.get();
    }
    const OperatorProfile* Find(const void* node) const {
        auto found = profiles_.find(node);
        return found == profiles_.end() ? nullptr : found->second.get();
    }

private:
    std::unordered_map<const void*, std::unique_ptr<OperatorProfile>> profiles_;
};

}  // namespace flashlake::exec

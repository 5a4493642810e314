#pragma once

#include <atomic>
#include <vector>

#include "exec/operators/operator.h"

namespace flashlake::exec {

// Emits pre-built chunks (literal VALUES rows, or the single empty row of SELECT without FROM).
class ValuesSource : public SourceOperator {
public:
    explicit ValuesSource(std::vector<Chunk> chunks) : chunks_(std::move(chunks)) {}
    bool Next(ExecContext& context, Chunk& chunk, uint64_t& morsel_index) override {
        size_t index = next_.fetch_add(1);
        if (index >= chunks_.size()) return false;
        chunk = chunks_[index];
        morsel_index = index;
        return true;
    }

private:
    std::vector<Chunk> chunks_;
    std::atomic<size_t> next_{0};
};

}  // namespace flashlake::exec

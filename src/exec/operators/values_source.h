#pragma once

#include <atomic>
#include <vector>

#include "exec/operators/operator.h"

namespace flashlake::exec {

// A morsel of one ready chunk.
class ChunkMorsel : public Morsel {
public:
    explicit ChunkMorsel(Chunk chunk) : chunk_(std::move(chunk)) {}
    bool Next(ExecContext& context, Chunk& chunk) override {
        if (done_) return false;
        chunk = std::move(chunk_);
        done_ = true;
        return true;
    }

private:
    Chunk chunk_;
    bool done_ = false;
};

// Emits pre-built chunks (literal VALUES rows, or the single empty row of SELECT without FROM).
class ValuesSource : public SourceOperator {
public:
    explicit ValuesSource(std::vector<Chunk> chunks) : chunks_(std::move(chunks)) {}
    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override {
        size_t index = next_.fetch_add(1);
        if (index >= chunks_.size()) return nullptr;
        morsel_index = index;
        return std::make_unique<ChunkMorsel>(chunks_[index]);
    }

private:
    std::vector<Chunk> chunks_;
    std::atomic<size_t> next_{0};
};

}  // namespace flashlake::exec

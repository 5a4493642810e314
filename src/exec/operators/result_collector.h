#pragma once

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

#include "exec/operators/operator.h"

namespace flashlake::exec {

// Collects a query's result chunks. Chunks are put back in source order, so that a query
// without ORDER BY still returns VALUES and scanned rows in the order they were read.
class ResultCollector : public SinkOperator {
public:
    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override {
        if (chunk.empty()) return;
        std::lock_guard lock(mutex_);
        pieces_.emplace_back(order, std::move(chunk));
    }
    void Finish(ExecContext& context) override {
        std::stable_sort(pieces_.begin(), pieces_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    std::vector<Chunk> TakeChunks() {
        std::vector<Chunk> chunks;
        chunks.reserve(pieces_.size());
        for (auto& piece : pieces_) chunks.push_back(std::move(piece.second));
        pieces_.clear();
        return chunks;
    }

private:
    std::mutex mutex_;
    std::vector<std::pair<ChunkOrder, Chunk>> pieces_;  // guarded by mutex_
};

}  // namespace flashlake::exec

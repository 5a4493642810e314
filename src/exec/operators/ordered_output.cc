#include "exec/operators/ordered_output.h"
#include "exec/operators/values_source.h"

#include <algorithm>

namespace flashlake::exec {

namespace {

class OrderedMorsel : public Morsel {
public:
    explicit OrderedMorsel(std::shared_ptr<OrderedOutput> output) : output_(std::move(output)) {}
    bool Next(ExecContext& context, Chunk& chunk) override {
        if (next_ >= output_->chunks.size()) return false;
        // Moved out: the output is read once, and its memory goes with the chunk.
        chunk = std::move(output_->chunks[next_++]);
        return true;
    }

private:
    std::shared_ptr<OrderedOutput> output_;
    size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Morsel> OrderedOutputSource::NextMorsel(ExecContext& context, uint64_t& morsel_index) {
    if (taken_.exchange(true) || output_->chunks.empty()) return nullptr;
    morsel_index = 0;
    return std::make_unique<OrderedMorsel>(output_);
}

}  // namespace flashlake::exec

namespace flashlake::exec {

void OrderedOutputSink::Consume(ExecContext& context, Chunk chunk, ChunkOrder order) {
    if (chunk.empty()) return;
    std::lock_guard lock(mutex_);
    bytes_ += chunk.MemoryUsage();
    output_->memory.SetTracker(context.memory);
    output_->memory.Update(bytes_);  // past the query's limit: fails it (kMemoryLimitExceeded)
    pieces_.emplace_back(order, std::move(chunk));
}

void OrderedOutputSink::Finish(ExecContext& context) {
    std::sort(pieces_.begin(), pieces_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& piece : pieces_) output_->chunks.push_back(std::move(piece.second));
    pieces_.clear();
}

}  // namespace flashlake::exec

namespace flashlake::exec {

std::unique_ptr<Morsel> SharedOutputSource::NextMorsel(ExecContext& context, uint64_t& morsel_index) {
    const size_t index = next_.fetch_add(1);
    if (index >= output_->chunks.size()) return nullptr;
    morsel_index = index;
    return std::make_unique<ChunkMorsel>(output_->chunks[index]);
}

}  // namespace flashlake::exec

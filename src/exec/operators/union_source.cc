#include "exec/operators/union_source.h"

namespace flashlake::exec {

namespace {

constexpr int kBranchShift = 40;

class BranchMorsel : public Morsel {
public:
    BranchMorsel(UnionSource::Branch& branch, std::unique_ptr<Morsel> inner)
        : branch_(branch), inner_(std::move(inner)) {}

    bool Next(ExecContext& context, Chunk& chunk) override {
        while (!branch_.done.load(std::memory_order_relaxed) && inner_->Next(context, chunk)) {
            bool wants_more = true;
            for (auto& op : branch_.operators) {
                wants_more = op->Process(context, chunk) && wants_more;
                if (chunk.empty()) break;
            }
            if (!wants_more) branch_.done = true;
            if (!chunk.empty()) return true;
        }
        return false;
    }

private:
    UnionSource::Branch& branch_;
    std::unique_ptr<Morsel> inner_;
};

}  // namespace

void UnionSource::AddBranch(std::unique_ptr<SourceOperator> source,
                            std::vector<std::unique_ptr<StreamOperator>> operators) {
    auto branch = std::make_unique<Branch>();
    branch->source = std::move(source);
    branch->operators = std::move(operators);
    branches_.push_back(std::move(branch));
}

std::unique_ptr<Morsel> UnionSource::NextMorsel(ExecContext& context, uint64_t& morsel_index) {
    for (size_t b = current_.load(); b < branches_.size(); ++b) {
        Branch& branch = *branches_[b];
        if (!branch.done.load(std::memory_order_relaxed)) {
            uint64_t inner_index = 0;
            std::unique_ptr<Morsel> inner = branch.source->NextMorsel(context, inner_index);
            if (inner) {
                morsel_index = (uint64_t{b} << kBranchShift) | inner_index;
                return std::make_unique<BranchMorsel>(branch, std::move(inner));
            }
        }
        // Exhausted: later calls start after it.
        size_t expected = b;
        current_.compare_exchange_strong(expected, b + 1);
    }
    return nullptr;
}

}  // namespace flashlake::exec

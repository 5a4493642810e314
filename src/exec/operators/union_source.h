#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "exec/operators/operator.h"

namespace flashlake::exec {

// UNION ALL as a source: the branches' sources with their streaming operators, read one after
// another without materializing anything. A branch morsel carries the branch's chunks through the
// branch's operators inside Morsel::Next, so the parent pipeline's drivers run all branches in
// parallel. Morsel indices keep branch order (branch in the high bits), so without ORDER BY the
// rows come back branch by branch. A branch whose operator is satisfied (a LIMIT inside it) stops
// handing out morsels. UNION DISTINCT is this source feeding a hash aggregation on every column.
class UnionSource : public SourceOperator {
public:
    struct Branch {
        std::unique_ptr<SourceOperator> source;
        std::vector<std::unique_ptr<StreamOperator>> operators;
        std::atomic<bool> done{false};
    };

    void AddBranch(std::unique_ptr<SourceOperator> source, std::vector<std::unique_ptr<StreamOperator>> operators);
    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override;

private:
    std::vector<std::unique_ptr<Branch>> branches_;
    std::atomic<size_t> current_{0};  // branches before it are exhausted
};

}  // namespace flashlake::exec

#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "exec/operators/operator.h"
#include "exec/operators/runtime_filter.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::lake {
struct ScanPlan;
}

namespace flashlake::exec {

// Reads a lake table: the scan is planned (snapshot, live files, splits) when the first driver
// asks for work, then each split is a morsel, read with merge-on-read where the table needs it.
class TableScanSource : public SourceOperator {
public:
    // `filters`: the joins' runtime filters on this scan's output columns (applied once published).
    TableScanSource(std::shared_ptr<const planner::TableScanSpec> spec, io::FileSystem* fs,
                    std::vector<RuntimeFilterProbe> filters = {});
    ~TableScanSource() override;
    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override;

private:
    void Plan();

    std::shared_ptr<const planner::TableScanSpec> spec_;
    io::FileSystem* fs_;
    std::vector<RuntimeFilterProbe> filters_;
    std::mutex plan_mutex_;
    std::unique_ptr<lake::ScanPlan> plan_;  // set once under plan_mutex_, immutable afterwards
    std::atomic<size_t> next_{0};
};

}  // namespace flashlake::exec

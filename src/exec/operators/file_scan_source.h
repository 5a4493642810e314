#pragma once

#include <atomic>
#include <mutex>
#include <memory>
#include <vector>

#include "exec/operators/operator.h"
#include "planner/logical/file_scan_spec.h"

namespace flashlake::io {
class FileSystem;
}
namespace flashlake::format::parquet {
class ParquetReader;
struct ColumnPredicate;
}

namespace flashlake::exec {

// Reads the files of a FILES() scan. Morsels are Parquet row groups and whole CSV files, so the
// drivers of a pipeline read different parts of the input in parallel. A CSV row that does not
// parse fails the query with the file, line and reason.
class FileScanSource : public SourceOperator {
public:
    FileScanSource(std::shared_ptr<const planner::FileScanSpec> spec, io::FileSystem* fs);
    ~FileScanSource() override;
    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override;

private:
    struct Unit {
        size_t file;
        int row_group;  // -1 for CSV files
    };
    // Lists the units on first use (opening Parquet footers), under `plan_mutex_`.
    void PlanUnits();
    // The scan's predicates on columns of Parquet file `file`, by leaf.
    std::vector<format::parquet::ColumnPredicate> RowGroupPredicates(size_t file) const;

    std::shared_ptr<const planner::FileScanSpec> spec_;
    io::FileSystem* fs_;
    std::mutex plan_mutex_;
    bool planned_ = false;    // guarded by plan_mutex_
    std::vector<Unit> units_;  // immutable once planned_
    // Parquet files opened once (footer parsed) and shared by their row groups' morsels.
    std::vector<std::shared_ptr<format::parquet::ParquetReader>> parquet_files_;
    std::atomic<size_t> next_{0};
};

}  // namespace flashlake::exec

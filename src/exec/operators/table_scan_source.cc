#include "exec/operators/table_scan_source.h"

#include "common/query_error.h"
#include "lake/read/split_generator.h"
#include "lake/read/row_selection.h"
#include "lake/read/split_reader.h"
#include "lake/read/table_scan.h"

namespace flashlake::exec {

namespace {

class SplitMorsel : public Morsel {
public:
    SplitMorsel(std::unique_ptr<lake::SplitReader> reader, const std::vector<RuntimeFilterProbe>& filters,
                lake::ScanMetrics& metrics)
        : reader_(std::move(reader)), filters_(filters), metrics_(metrics) {}
    bool Next(ExecContext& context, Chunk& chunk) override {
        while (true) {
            auto more = reader_->Next(&chunk);
            if (!more.ok()) ThrowQueryError(more.status().code(), more.status().message());
            if (!*more || filters_.empty()) return *more;
            bool all_rows = true;
            ApplyRuntimeFilters(filters_, chunk.columns(), all_rows, selection_);
            if (all_rows || selection_.size() == chunk.num_rows()) return true;
            metrics_.rows_runtime_filtered.fetch_add(static_cast<int64_t>(chunk.num_rows() - selection_.size()),
                                                     std::memory_order_relaxed);
            if (selection_.empty()) continue;  // nothing of this chunk can match: read the next one
            chunk = lake::SelectRows(chunk, selection_);
            return true;
        }
    }

private:
    std::unique_ptr<lake::SplitReader> reader_;
    const std::vector<RuntimeFilterProbe>& filters_;
    lake::ScanMetrics& metrics_;
    SelectionVector selection_;
};

}  // namespace

TableScanSource::TableScanSource(std::shared_ptr<const planner::TableScanSpec> spec, io::FileSystem* fs,
                                 std::vector<RuntimeFilterProbe> filters)
    : spec_(std::move(spec)), fs_(fs), filters_(std::move(filters)) {}

TableScanSource::~TableScanSource() = default;

void TableScanSource::Plan() {
    std::lock_guard lock(plan_mutex_);
    if (plan_) return;
    lake::ScanOptions options;
    options.snapshot_id = spec_->snapshot_id;
    options.timestamp_millis = spec_->timestamp_millis;
    options.projection = spec_->columns;
    options.predicates = spec_->predicates;
    options.metrics = spec_->metrics;
    lake::TableScan scan(fs_, spec_->table_path, options);
    auto plan = scan.Plan();
    if (!plan.ok()) ThrowQueryError(plan.status().code(), "table ", spec_->table_name, ": ", plan.status().message());
    plan_ = std::make_unique<lake::ScanPlan>(std::move(plan).value());
    // Large files become several morsels (by row group), so that every thread has work.
    constexpr int64_t kRowsPerMorsel = 512 * 1024;
    plan_->splits = lake::ShardLargeFiles(std::move(plan_->splits), kRowsPerMorsel);
    int64_t files = 0;
    for (const auto& split : plan_->splits) {
        for (const auto& file : split.files) files += file.row_group_shard == 0 ? 1 : 0;  // shards count once
    }
    spec_->metrics->files_read += files;
    spec_->metrics->files_pruned += plan_->pruned_files;
    spec_->metrics->buckets_pruned += plan_->pruned_buckets;
}

std::unique_ptr<Morsel> TableScanSource::NextMorsel(ExecContext& context, uint64_t& morsel_index) {
    Plan();
    size_t index = next_.fetch_add(1);
    if (index >= plan_->splits.size()) return nullptr;
    morsel_index = index;
    auto reader = lake::SplitReader::Make(fs_, plan_->splits[index]);
    if (!reader.ok()) ThrowQueryError(reader.status().code(), "table ", spec_->table_name, ": ", reader.status().message());
    return std::make_unique<SplitMorsel>(std::move(reader).value(), filters_, *spec_->metrics);
}

}  // namespace flashlake::exec

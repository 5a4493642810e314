#include "ingest/compaction_scheduler.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "common/logging.h"
#include "lake/commit/live_files.h"
#include "lake/commit/option_values.h"
#include "lake/commit/table_commit.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/write/compactor.h"

namespace flashlake::ingest {

namespace {

std::string BucketKey(const lake::BinaryRow& partition, int32_t bucket) {
    return partition.bytes() + "/" + std::to_string(bucket);
}

// Per bucket of the latest snapshot: small files (append tables: smaller than
// compaction.small-file-ratio x target-file-size, as the compactor judges them) or sorted runs
// (primary-key tables: each level-0 file is a run, each deeper non-empty level one more).
Result<std::map<std::string, int64_t>> MeasureBuckets(io::FileSystem* fs, const std::string& table_path) {
    std::map<std::string, int64_t> counts;
    lake::SnapshotManager snapshots(fs, table_path);
    FL_ASSIGN_OR_RETURN(std::optional<lake::Snapshot> latest, snapshots.Latest());
    if (!latest) return counts;
    lake::SchemaManager schemas(fs, table_path);
    FL_ASSIGN_OR_RETURN(std::optional<lake::TableSchema> schema, schemas.Latest());
    if (!schema) return counts;
    FL_ASSIGN_OR_RETURN(int64_t target, lake::MemorySizeOption(*schema, "target-file-size", int64_t{128} << 20));
    double ratio = 0.7;
    if (auto option = schema->Option("compaction.small-file-ratio")) ratio = std::atof(option->c_str());
    auto small = static_cast<int64_t>(ratio * static_cast<double>(target));
    bool primary_key = !schema->primary_keys.empty();
    FL_ASSIGN_OR_RETURN(std::vector<lake::ManifestEntry> live, lake::ReadLiveDataEntries(fs, table_path, *latest));
    std::map<std::string, std::set<int32_t>> deep_levels;
    for (const lake::ManifestEntry& entry : live) {
        std::string key = BucketKey(entry.partition, entry.bucket);
        if (primary_key && entry.file.level > 0) {
            deep_levels[key].insert(entry.file.level);
            counts.try_emplace(key, 0);
        } else if (primary_key || entry.file.file_size < small) {
            ++counts[key];
        }
    }
    for (const auto& [key, levels] : deep_levels) counts[key] += static_cast<int64_t>(levels.size());
    return counts;
}

}  // namespace

CompactionScheduler::CompactionScheduler(io::FileSystem* fs, std::string commit_user,
                                         std::function<int64_t()> next_identifier, CompactionSchedulerOptions options)
    : fs_(fs), commit_user_(std::move(commit_user)), next_identifier_(std::move(next_identifier)), options_(options) {
    if (options_.enabled) thread_ = std::thread([this] { Run(); });
}

CompactionScheduler::~CompactionScheduler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    relieved_.notify_all();
    if (thread_.joinable()) thread_.join();
}

int64_t CompactionScheduler::Worst(const TableState& state) {
    int64_t worst = 0;
    for (const auto& [key, count] : state.bucket_files) worst = std::max(worst, count);
    return worst;
}

void CompactionScheduler::NotifyCommitted(const std::string& table_path,
                                          const std::vector<lake::CommitMessage>& messages) {
    if (!options_.enabled) return;
    std::lock_guard lock(mutex_);
    TableState& state = tables_[table_path];
    for (const auto& message : messages) {
        if (message.new_files.empty()) continue;
        std::string key = BucketKey(message.partition, message.bucket);
        auto files = static_cast<int64_t>(message.new_files.size());
        state.bucket_files[key] += files;
        if (state.running) state.during_run[key] += files;
    }
    if (!state.queued) {
        state.queued = true;
        wake_.notify_all();
    }
}

Status CompactionScheduler::Admit(const std::string& table_path, const std::string& table_name) {
    if (!options_.enabled || options_.max_files_per_bucket <= 0) return Status::OK();
    std::unique_lock lock(mutex_);
    auto it = tables_.find(table_path);
    if (it == tables_.end()) return Status::OK();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.backpressure_wait_ms);
    bool relieved = relieved_.wait_until(lock, deadline, [&] {
        return stopping_ || Worst(it->second) <= options_.max_files_per_bucket;
    });
    if (relieved) return Status::OK();
    return Status(ErrorCode::kTimeout,
                  "load of " + table_name + " refused: compaction is behind (a bucket holds " +
                      std::to_string(Worst(it->second)) + " small files or sorted runs, the limit is " +
                      std::to_string(options_.max_files_per_bucket) + "; waited " +
                      std::to_string(options_.backpressure_wait_ms) + " ms); retry later");
}

int64_t CompactionScheduler::MaxBucketFiles(const std::string& table_path) const {
    std::lock_guard lock(mutex_);
    auto it = tables_.find(table_path);
    return it == tables_.end() ? 0 : Worst(it->second);
}

int64_t CompactionScheduler::compactions() const {
    std::lock_guard lock(mutex_);
    return compactions_;
}

void CompactionScheduler::Run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // The queued table whose last run is oldest, once its interval has passed.
        auto now = std::chrono::steady_clock::now();
        std::string next;
        auto earliest = std::chrono::steady_clock::time_point::max();
        for (auto& [path, state] : tables_) {
            if (!state.queued) continue;
            auto due = state.last_run + std::chrono::milliseconds(options_.min_interval_ms);
            if (due < earliest) {
                earliest = due;
                next = path;
            }
        }
        if (next.empty()) {
            wake_.wait(lock);
            continue;
        }
        if (earliest > now) {
            wake_.wait_until(lock, earliest);
            continue;
        }
        tables_[next].queued = false;
        tables_[next].running = true;
        tables_[next].during_run.clear();
        lock.unlock();
        auto measured = CompactTable(next);
        lock.lock();
        TableState& state = tables_[next];
        state.last_run = std::chrono::steady_clock::now();
        state.running = false;
        if (measured.ok()) {
            state.bucket_files = std::move(*measured);
            for (const auto& [key, files] : state.during_run) state.bucket_files[key] += files;
            // Still over the limit (compaction needs more rounds): go again after the interval.
            if (Worst(state) > options_.max_files_per_bucket) state.queued = true;
        } else {
            FL_LOG(kWarning, "background compaction of ", next, " failed: ", measured.status().ToString());
            state.queued = true;
        }
        relieved_.notify_all();
    }
}

Result<std::map<std::string, int64_t>> CompactionScheduler::CompactTable(const std::string& table_path) {
    FL_ASSIGN_OR_RETURN(std::unique_ptr<lake::Compactor> compactor, lake::Compactor::Open(fs_, table_path));
    auto messages = compactor->Compact();
    if (!messages.ok()) {
        (void)compactor->Abort();
        return messages.status();
    }
    if (!messages->empty()) {
        lake::TableCommit commit(fs_, table_path);
        auto committed = commit.Commit(commit_user_, next_identifier_(), std::move(*messages), lake::CommitKind::kCompact);
        if (committed.ok()) {
            compactor->MarkCommitted();
            std::lock_guard lock(mutex_);
            ++compactions_;
        } else {
            // Usually a conflict with a concurrent writer: drop this round, the table is retried.
            (void)compactor->Abort();
            if (committed.status().code() != ErrorCode::kCommitConflict) return committed.status();
        }
    }
    return MeasureBuckets(fs_, table_path);
}

}  // namespace flashlake::ingest
